using System.Net;
using System.Net.Sockets;

namespace Credit.Api.Hosting;

public static class FreePort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static int OrPick(int port) => port == 0 ? Pick() : port;
}
