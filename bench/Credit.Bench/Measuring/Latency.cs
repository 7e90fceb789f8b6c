using System.Diagnostics;

namespace Credit.Bench.Measuring;

/// <summary>Latency percentiles (milliseconds, nearest rank) and throughput of one criterion.</summary>
/// <param name="DatabaseCpu">Processor milliseconds per query used by PostgreSQL.</param>
/// <param name="ApplicationCpu">Processor milliseconds per query used by this process (search code, Npgsql, and for HTTP the platform and the client).</param>
/// <param name="Slowest">The slowest request, to look at with EXPLAIN ANALYZE.</param>
public sealed record Measurement(string Criterion, int Queries, double P50, double P95, double P99, double Max, double QueriesPerSecond, double RowsPerQuery,
    double DatabaseCpu, double ApplicationCpu, SearchRequest Slowest)
{
    public const double TargetP99Milliseconds = 50;

    public bool MeetsTarget => P99 < TargetP99Milliseconds;
}

/// <summary>Runs requests from a number of concurrent callers, each taking the next request as soon as
/// its previous one answered (a closed loop), and times every call.</summary>
public static class Latency
{
    public static async Task<Measurement> MeasureAsync(string criterion, IReadOnlyList<SearchRequest> requests, int concurrency,
        Func<SearchRequest, CancellationToken, Task<int>> search, CpuTime cpu, CancellationToken cancellationToken)
    {
        var cpuBefore = cpu.Now();
        var milliseconds = new double[requests.Count];
        var next = -1;
        long rows = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                var start = Stopwatch.GetTimestamp();
                var found = await search(requests[i], cancellationToken);
                milliseconds[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                Interlocked.Add(ref rows, found);
            }
        }, cancellationToken)));
        var elapsed = clock.Elapsed;
        var cpuAfter = cpu.Now();
        var slowest = requests[Array.IndexOf(milliseconds, milliseconds.Max())];
        Array.Sort(milliseconds);
        return new Measurement(criterion, requests.Count, Percentile(milliseconds, 0.50), Percentile(milliseconds, 0.95), Percentile(milliseconds, 0.99),
            milliseconds[^1], requests.Count / elapsed.TotalSeconds, (double)rows / requests.Count,
            (cpuAfter.Database - cpuBefore.Database).TotalMilliseconds / requests.Count,
            (cpuAfter.Application - cpuBefore.Application).TotalMilliseconds / requests.Count, slowest);
    }

    /// <summary>Nearest rank of an ascending array.</summary>
    public static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
