using System.Net;
using System.Net.Sockets;

namespace Credit.Api.Hosting;

/// <summary>A TCP port free on this machine right now, for platforms that share one machine (tests, operator commands).</summary>
public static class FreePort
{
    // Below Linux's ephemeral range (32768-60999): a port picked here is never handed out meanwhile to another process
    // binding port 0, which is how two platforms starting together took the same silo port.
    private const int Lowest = 20_000;
    private const int Highest = 32_000;

    public static int Pick()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(Lowest, Highest);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken; try another.
            }
        }
        throw new InvalidOperationException($"No free TCP port between {Lowest} and {Highest} after 100 attempts.");
    }

    public static int OrPick(int port) => port == 0 ? Pick() : port;
}
