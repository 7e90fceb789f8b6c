using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Credit.Bench.Agencies.Platform;

/// <summary>How the platform came up on the bench database.</summary>
/// <param name="Subjects">What the platform's log says it loaded.</param>
/// <param name="StartToReady">From starting the process to the first check answered 200 (checks answer 503 while loading).</param>
/// <param name="Load">The load itself, as the platform logs it.</param>
/// <param name="MemoryBeforeLoad">Resident memory when the load began (the last 50 ms sample before it).</param>
/// <param name="MemoryAfterLoad">Resident memory when the platform logged the load done.</param>
/// <param name="PeakMemory">The most resident memory sampled up to readiness.</param>
public sealed record IndexLoad(long Subjects, TimeSpan StartToReady, TimeSpan Load, long MemoryBeforeLoad, long MemoryAfterLoad, long PeakMemory);

/// <summary>The real platform (the Release build of Api: API and co-hosted silo in one process) as a child process on
/// the bench's database, started as <c>./credit start</c> would start it with a connection string.</summary>
public sealed partial class RunningPlatform(ChildProcess process, Uri address) : IAsyncDisposable
{
    public Uri Address => address;

    public ChildProcess Process => process;

    /// <param name="settings">More settings for the platform, such as <c>--Credit:Bulk:Concurrency=64</c>.</param>
    public static async Task<(RunningPlatform Platform, IndexLoad Load)> StartAsync(
        BuildOutputs build, string connectionString, HttpClient http, CancellationToken cancellationToken, params string[] settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var child = ChildProcess.Start("the platform", build.Api, [
            "--urls", address.ToString().TrimEnd('/'),
            $"--Credit:Storage:ConnectionString={connectionString}",
            "--Credit:Storage:SeedDemoKeys=true",
            "--Credit:Cluster:SiloPort=0",
            "--Credit:Cluster:GatewayPort=0",
            // A bench key for webhook signing secrets (a configured database has no default key).
            "--Credit:Partners:Webhooks:SecretKeys:Keys:bench=YmVuY2gtb25seS13ZWJob29rLXNlY3JldC1rZXktMzI=",
            "--Credit:Partners:Webhooks:SecretKeys:Current=bench",
            .. settings,
        ], build.ApiFolder);
        var platform = new RunningPlatform(child, address);
        try
        {
            var (loadedAt, line) = await child.WaitForLineAsync(l => LoadedLine().IsMatch(l), TimeSpan.FromMinutes(10), cancellationToken);
            var loaded = LoadedLine().Match(line);
            var subjects = long.Parse(loaded.Groups["count"].Value, CultureInfo.InvariantCulture);
            var load = TimeSpan.FromMilliseconds(long.Parse(loaded.Groups["ms"].Value, CultureInfo.InvariantCulture));
            var readyAt = await WaitUntilChecksAnswerAsync(platform, http, cancellationToken);
            var loadStartedAt = loadedAt - (long)(load.TotalSeconds * Stopwatch.Frequency);
            return (platform, new IndexLoad(subjects, Stopwatch.GetElapsedTime(child.StartedAt, readyAt), load,
                child.MemoryAt(loadStartedAt), child.MemoryAt(loadedAt), child.PeakMemory(child.StartedAt, readyAt)));
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();

    private static async Task<long> WaitUntilChecksAnswerAsync(RunningPlatform platform, HttpClient http, CancellationToken cancellationToken)
    {
        var probe = new Uri(platform.Address, "/api/v1/agencies/railway/checks/11010519491231002X");
        for (var attempt = 0; attempt < 6000; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, probe);
            request.Headers.Add("X-Api-Key", AgencyKeysForBench.Railway);
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                    return Stopwatch.GetTimestamp();
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                    throw new InvalidOperationException($"a check answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (platform.Process.HasExited)
                throw new InvalidOperationException($"the platform exited:{Environment.NewLine}{platform.Process.Tail()}");
            await Task.Delay(50, cancellationToken);
        }
        throw new TimeoutException($"checks did not answer within 5 minutes:{Environment.NewLine}{platform.Process.Tail()}");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // InterceptionFollower: "Loaded 1000000 intercepted subjects as of change-log position 1000000 in 5210 ms"
    [GeneratedRegex(@"Loaded (?<count>\d+) intercepted subjects as of change-log position \d+ in (?<ms>\d+) ms")]
    private static partial Regex LoadedLine();
}
