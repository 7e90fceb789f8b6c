using System.Net;

namespace Credit.Bench.Agencies.Platform;

/// <summary>The ceiling: bench/Credit.Bench.MinimalEndpoint (Kestrel, one route, a small JSON) as a child process.</summary>
public sealed class MinimalEndpoint(ChildProcess process, Uri address) : IAsyncDisposable
{
    public Uri Address => address;

    public ChildProcess Process => process;

    public static async Task<MinimalEndpoint> StartAsync(BuildOutputs build, HttpClient http, CancellationToken cancellationToken)
    {
        var address = new Uri($"http://127.0.0.1:{RunningPlatform.FreePort()}");
        var child = ChildProcess.Start("the minimal endpoint", build.MinimalEndpoint, ["--urls", address.ToString().TrimEnd('/')],
            Path.GetDirectoryName(build.MinimalEndpoint)!);
        var endpoint = new MinimalEndpoint(child, address);
        for (var attempt = 0; attempt < 600; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(address, "/x/11010519491231002X"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                    return endpoint;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (child.HasExited)
                break;
            await Task.Delay(50, cancellationToken);
        }
        var tail = child.Tail();
        await endpoint.DisposeAsync();
        throw new InvalidOperationException($"the minimal endpoint did not answer:{Environment.NewLine}{tail}");
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
