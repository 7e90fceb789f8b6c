using System.Globalization;
using Credit.Bench.Agencies.Load;
using Credit.Bench.Agencies.Measuring;
using Credit.Bench.Agencies.Platform;

namespace Credit.Bench.Agencies;

/// <summary>The figures as fixed-width tables that paste into Markdown, each against the issue's target.</summary>
public static class AgencyReport
{
    public const double CheckP99TargetMilliseconds = 5;
    public const double BatchTargetMilliseconds = 100;
    public const double SnapshotTargetSeconds = 5;
    public const double PropagationP99TargetMilliseconds = 1000;

    public static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N0} MB");

    public static void PrintIndex(IndexLoad load, IndexSize? size)
    {
        Console.WriteLine();
        Console.WriteLine("Check index (platform process, resident memory sampled every 50 ms from /proc):");
        Console.WriteLine("| figure                                             | value                  |");
        Console.WriteLine("|----------------------------------------------------|------------------------|");
        Row("subjects loaded (platform log)", $"{load.Subjects:N0}");
        Row("load time (platform log)", $"{load.Load.TotalSeconds:F1} s");
        Row("process start to first check answered", $"{load.StartToReady.TotalSeconds:F1} s");
        Row("RSS when the load began", Megabytes(load.MemoryBeforeLoad));
        Row("RSS when the load was done", Megabytes(load.MemoryAfterLoad));
        Row("RSS peak until ready", Megabytes(load.PeakMemory));
        if (size is not null)
        {
            Row("index managed heap (same code, bench process)", $"{Megabytes(size.Bytes)}, {size.BytesPerSubject:N0} B/subject");
            Row("index load in the bench process", $"{size.Elapsed.TotalSeconds:F1} s ({size.Subjects:N0})");
        }

        static void Row(string figure, string value) => Console.WriteLine($"| {figure,-50} | {value,-22} |");
    }

    public static void PrintChecks(string settings, TimeSpan duration, IReadOnlyList<(WrkResult Result, string Load)> runs)
    {
        var ceiling = runs.Where(r => r.Result.Label.StartsWith("minimal", StringComparison.Ordinal)).Max(r => r.Result.RequestsPerSecond);
        Console.WriteLine();
        Console.WriteLine($"GET checks with {settings} -d{duration.TotalSeconds:F0}s --latency, rotating over 20,000 IDs (10,000 hits) or the 10,000 hits; "
            + $"ratio against the better minimal-endpoint run ({ceiling:N0}/s):");
        Console.WriteLine("| endpoint                     | requests/s | p50 ms | p99 ms | max ms | non-2xx | errors | server CPU µs/req | load | of minimal | target |");
        Console.WriteLine("|------------------------------|------------|--------|--------|--------|---------|--------|-------------------|------|------------|--------|");
        foreach (var (r, load) in runs)
        {
            var check = !r.Label.StartsWith("minimal", StringComparison.Ordinal);
            var ratio = r.RequestsPerSecond / ceiling;
            var target = !check ? "" : ratio >= 0.5 && r.P99 < CheckP99TargetMilliseconds && r.Non2xx == 0 ? "yes" : "NO";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Label,-28} | {r.RequestsPerSecond,10:N0} | {r.P50,6:F2} | {r.P99,6:F2} | {r.Max,6:F1} | {r.Non2xx,7:N0} | {r.SocketErrors,6:N0} | {r.ServerCpu,17:F0} | {load,4} | {ratio,10:P0} | {target,-6} |"));
        }
        Console.WriteLine($"targets: at least half the minimal endpoint's requests/s, p99 < {CheckP99TargetMilliseconds} ms, no error answers.");
    }

    public static void PrintPacedChecks(string settings, TimeSpan duration, double ceiling, IReadOnlyList<(WrkResult Result, string Load)> runs)
    {
        Console.WriteLine();
        Console.WriteLine($"The same, paced at about half the ceiling ({ceiling / 2:N0}/s) with {settings}, -d{duration.TotalSeconds:F0}s:");
        Console.WriteLine("| endpoint                     | requests/s | p50 ms | p99 ms | max ms | non-2xx | errors | server CPU µs/req | load | of ceiling | target |");
        Console.WriteLine("|------------------------------|------------|--------|--------|--------|---------|--------|-------------------|------|------------|--------|");
        foreach (var (r, load) in runs)
        {
            var ratio = r.RequestsPerSecond / ceiling;
            var target = r.Label.StartsWith("minimal", StringComparison.Ordinal) ? "" : ratio >= 0.5 && r.P99 < CheckP99TargetMilliseconds && r.Non2xx == 0 ? "yes" : "NO";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Label,-28} | {r.RequestsPerSecond,10:N0} | {r.P50,6:F2} | {r.P99,6:F2} | {r.Max,6:F1} | {r.Non2xx,7:N0} | {r.SocketErrors,6:N0} | {r.ServerCpu,17:F0} | {load,4} | {ratio,8:P0} | {target,-6} |"));
        }
    }

    public static void PrintBatchAndSnapshots(BatchResult? batch, IReadOnlyList<SnapshotResult> snapshots, long subjects)
    {
        Console.WriteLine();
        Console.WriteLine("Batches and snapshots (one request at a time; snapshots read to the last byte, after one unmeasured read each):");
        Console.WriteLine("| request                                   | p50 / time | p99     | max     | detail                                                       | target   |");
        Console.WriteLine("|-------------------------------------------|------------|---------|---------|--------------------------------------------------------------|----------|");
        if (batch is not null)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| POST checks, {batch.Size:N0} IDs × {batch.Batches} batches      | {batch.P50,7:F1} ms | {batch.P99,4:F1} ms | {batch.Max,4:F1} ms | "
            + $"{$"{batch.Hits:N0} hits, {batch.ResponseBytes / 1048576.0:F1} MB answer, platform CPU {batch.ServerCpu:F0} ms",-60} | {(batch.P99 < BatchTargetMilliseconds ? "yes" : "NO"),-8} |"));
        foreach (var s in snapshots)
        {
            var detail = $"{s.Lines:N0} lines, {s.Bytes / 1048576.0:F0} MB, first byte {s.FirstByte.TotalMilliseconds:F0} ms, CPU app {s.PlatformCpu.TotalSeconds:F1} s + db {s.DatabaseCpu.TotalSeconds:F1} s";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| GET snapshot, {s.Label,-28} | {s.Elapsed.TotalSeconds,8:F2} s |         |         | {detail,-60} | {(s.Elapsed.TotalSeconds < SnapshotTargetSeconds ? "yes" : "NO"),-8} |"));
        }
        Console.WriteLine($"targets: a batch under {BatchTargetMilliseconds} ms (p99), a snapshot of {subjects:N0} subjects under {SnapshotTargetSeconds} s.");
    }

    public static void PrintPropagation(IReadOnlyList<string> agencies, IReadOnlyList<PropagationResult> rounds, WrkResult loadMeanwhile)
    {
        Console.WriteLine();
        Console.WriteLine($"Propagation to the change streams (SSE) of the {agencies.Count} agencies whose measures follow listings or restrictions "
            + $"({string.Join(", ", agencies.Take(6))}{(agencies.Count > 6 ? ", ..." : "")}), ms from the court's 2xx to the event in the last of them:");
        Console.WriteLine("| round                  | subjects | Added p50 | Added p99 | Removed p50 | Removed p99 | Removed max | missing | court 2xx p50/p99 | p99 < 1 s |");
        Console.WriteLine("|------------------------|----------|-----------|-----------|-------------|-------------|-------------|---------|-------------------|-----------|");
        foreach (var r in rounds)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Label,-22} | {r.Subjects,8:N0} | {r.AddedP50,9:F1} | {r.AddedP99,9:F1} | {r.P50,11:F1} | {r.P99,11:F1} | {r.Max,11:F1} | {r.Missing,7:N0} | {$"{r.CourtP50:F1}/{r.CourtP99:F1}",17} | {(r.P99 < PropagationP99TargetMilliseconds && r.Missing == 0 ? "yes" : "NO"),-9} |"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"checks meanwhile (wrk, half hits): {loadMeanwhile.RequestsPerSecond:N0}/s, p50 {loadMeanwhile.P50:F2} ms, p99 {loadMeanwhile.P99:F2} ms, {loadMeanwhile.Non2xx:N0} non-2xx."));
    }
}
