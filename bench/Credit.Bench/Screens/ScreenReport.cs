using System.Globalization;
using Credit.Bench.Agencies.Load;

namespace Credit.Bench.Screens;

/// <summary>A check run's verdict: every response it saw had <paramref name="Status"/>, it saw as many as wrk counted, and (for
/// 304 runs) the ETag the run sent was still the current one afterwards.</summary>
public sealed record StatusCheck(int Status, WrkResult Run, bool StillCurrent)
{
    public bool Passed => Run.Counted is { } counted && counted.Unexpected == 0 && counted.Responses == Run.Requests && Run.Requests > 0 && StillCurrent;
}

public sealed record PlaylistRun(WrkResult Result, string Load, StatusCheck? Check);

public static class ScreenReport
{
    public static void Print(string settings, TimeSpan duration, TimeSpan checkRun, IReadOnlyList<PlaylistRun> runs)
    {
        var ceiling = runs.Where(r => r.Result.Label.StartsWith("minimal", StringComparison.Ordinal)).Max(r => r.Result.RequestsPerSecond);
        Console.WriteLine();
        Console.WriteLine($"GET playlist with {settings} -d{duration.TotalSeconds:F0}s --latency, one channel, the demo operator key; "
            + $"ratio against the better minimal-endpoint run ({ceiling:N0}/s); statuses checked by a {checkRun.TotalSeconds:F0} s run after each:");
        Console.WriteLine("| endpoint                       | requests/s | p50 ms | p99 ms | max ms | ≥ 400 | errors | server CPU µs/req | load  | of minimal | statuses checked         | target |");
        Console.WriteLine("|--------------------------------|------------|--------|--------|--------|-------|--------|-------------------|-------|------------|--------------------------|--------|");
        foreach (var (r, load, check) in runs)
        {
            var ratio = r.RequestsPerSecond / ceiling;
            var statuses = check?.Run.Counted is { } c
                ? string.Create(CultureInfo.InvariantCulture, $"{c.Responses - c.Unexpected:N0} of {c.Responses:N0} {check.Status}{(check.Passed ? "" : " NO")}")
                : "";
            var target = check?.Status == 304 ? ratio >= 0.5 && check.Passed && r.Non2xx == 0 && r.SocketErrors == 0 ? "yes" : "NO" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Label,-30} | {r.RequestsPerSecond,10:N0} | {r.P50,6:F2} | {r.P99,6:F2} | {r.Max,6:F1} | {r.Non2xx,5:N0} | {r.SocketErrors,6:N0} | {r.ServerCpu,17:F0} | {load,5} | {ratio,10:P0} | {statuses,-24} | {target,-6} |"));
        }
        Console.WriteLine("target: a 304 answers at least half the minimal endpoint's requests/s, every answer a 304, no errors.");
    }
}
