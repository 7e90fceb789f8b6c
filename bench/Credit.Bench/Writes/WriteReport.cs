using System.Globalization;
using Credit.Bench.Measuring;

namespace Credit.Bench.Writes;

/// <summary>The figures of each run as it ends, and the summary of all runs, in tables that paste into Markdown.</summary>
public static class WriteReport
{
    private const int TopLines = 12;

    public static void PrintRun(WriteRun run)
    {
        var workload = run.Workload;
        Console.WriteLine();
        Console.WriteLine(Invariant($"{run.Clients} clients: {run.Writes:N0} writes answered in {workload.Window.TotalSeconds:F1} s; load average {run.LoadBefore} before, {run.LoadAfter} after"));
        Console.WriteLine("| writes | answered | per s | p50 ms | p95 ms | p99 ms | max ms | failed |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        var kinds = workload.Measured.GroupBy(w => w.Kind).OrderBy(g => g.Key).ToList();
        foreach (var kind in kinds)
            PrintLatencyRow(kind.Key.ToString(), [.. kind], workload.Window);
        if (kinds.Count > 1)
            PrintLatencyRow("all", workload.Measured, workload.Window);
        foreach (var outcome in workload.Measured.Where(w => !w.Succeeded).GroupBy(w => w.Outcome).OrderByDescending(g => g.Count()))
            Console.WriteLine($"  failed {outcome.Key} x{outcome.Count()}: {workload.ErrorSamples.GetValueOrDefault(outcome.Key)}");

        var used = (run.PlatformCpu + run.DatabaseCpu + run.BenchCpu).TotalMilliseconds / workload.Window.TotalMilliseconds / Environment.ProcessorCount;
        Console.WriteLine(Invariant($"  CPU per write: platform {run.PerWrite(run.PlatformCpu):F2} ms, PostgreSQL {run.PerWrite(run.DatabaseCpu):F2} ms, bench clients {run.PerWrite(run.BenchCpu):F2} ms ({used:P0} of {Environment.ProcessorCount} cores in all)"));
        var c = run.Counters;
        var flush = c.WalSyncs == 0 ? "" : Invariant($", {c.WalSyncMilliseconds / c.WalSyncs:F2} ms per flush");
        Console.WriteLine(Invariant($"  PostgreSQL per write: {run.PerWrite(c.Commits):F2} commits, {run.PerWrite(c.Rollbacks):F2} rollbacks, {run.PerWrite(c.WalSyncs):F2} WAL flushes{flush}, {run.PerWrite((double)c.WalBytes) / 1024:F1} kB of WAL"));
        var lag = run.Lag;
        Console.WriteLine(Invariant($"  agencies' index behind the change log's safe head: at most {lag.MaxBehind:N0} positions, {lag.MeanBehind:F1} on average ({lag.Samples} samples); {lag.BehindAtEnd:N0} when the last write was answered, caught up {lag.CatchUpMilliseconds:F0} ms later"));
        Console.WriteLine(Invariant($"  positions taken beyond the safe head (not yet readable): at most {lag.MaxUnreadable:N0}, {lag.MeanUnreadable:F1} on average"));

        var samples = Math.Max(1, run.Waits.Samples);
        Console.WriteLine(Invariant($"  backends of the bench database, average number in each state ({run.Waits.Samples} samples, one every {WaitEventSampler.Every.TotalMilliseconds:F0} ms):"));
        PrintCounts(run.Waits.States, samples, "backends");
        Console.WriteLine("  backends not idle, by wait event | statement (running, or last run when idle in a transaction):");
        PrintCounts(run.Waits.Statements, samples, "backends");
        Console.WriteLine(Invariant($"  what the lock holders that others waited for were doing (backends waiting for a lock in {(double)run.Waits.SamplesWithLockWaits / samples:P0} of the samples), share of samples:"));
        PrintCounts(run.Waits.Blockers, samples, "of samples", percent: true);
        if (run.Statements.Count > 0)
        {
            var total = run.Statements.Sum(s => s.TotalMilliseconds);
            Console.WriteLine("  costliest statements (pg_stat_statements over the window; time includes waits for locks, but not the WAL flush at commit, which happens after COMMIT is timed):");
            Console.WriteLine("| calls | per write | total s | share of listed | mean ms | statement |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var s in run.Statements)
                Console.WriteLine(Invariant($"| {s.Calls:N0} | {run.PerWrite(s.Calls):F2} | {s.TotalMilliseconds / 1000:F1} | {s.TotalMilliseconds / total:P0} | {s.MeanMilliseconds:F2} | `{s.Statement}` |"));
        }
    }

    public static void PrintSummary(IReadOnlyList<WriteRun> runs, bool mixed)
    {
        var unit = mixed ? "write" : "listing";
        Console.WriteLine();
        Console.WriteLine($"Summary ({(mixed ? "mixed writes: 60% listings, 20% restrictions, 20% removals" : "listings of fresh adults")}):");
        Console.WriteLine($"| clients | load before/after | {unit}s/s | p50 ms | p95 ms | p99 ms | max ms | failed | CPU ms/{unit} platform + PostgreSQL + bench | commits/{unit} | WAL flushes/{unit} | backends waiting on locks | index behind at most |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var run in runs)
        {
            var ms = run.Workload.Measured.Select(w => w.Milliseconds).Order().ToArray();
            if (ms.Length == 0)
                continue;
            Console.WriteLine(Invariant(
                $"| {run.Clients} | {run.LoadBefore.Split(' ')[0]} / {run.LoadAfter.Split(' ')[0]} | {run.PerSecond:F1} | {Latency.Percentile(ms, 0.5):F0} | {Latency.Percentile(ms, 0.95):F0} | {Latency.Percentile(ms, 0.99):F0} | {ms[^1]:F0} | {run.Failed} | {run.PerWrite(run.PlatformCpu):F1} + {run.PerWrite(run.DatabaseCpu):F1} + {run.PerWrite(run.BenchCpu):F1} | {run.PerWrite(run.Counters.Commits):F1} | {run.PerWrite(run.Counters.WalSyncs):F2} | {run.Backends("active Lock:"):F1} of {run.Backends(""):F1} | {run.Lag.MaxBehind:N0} |"));
        }
    }

    private static void PrintLatencyRow(string label, IReadOnlyList<TimedWrite> writes, TimeSpan window)
    {
        var ms = writes.Select(w => w.Milliseconds).Order().ToArray();
        Console.WriteLine(Invariant(
            $"| {label} | {writes.Count:N0} | {writes.Count / window.TotalSeconds:F1} | {Latency.Percentile(ms, 0.5):F1} | {Latency.Percentile(ms, 0.95):F1} | {Latency.Percentile(ms, 0.99):F1} | {ms[^1]:F1} | {writes.Count(w => !w.Succeeded)} |"));
    }

    private static void PrintCounts(IReadOnlyDictionary<string, int> counts, int samples, string unit, bool percent = false)
    {
        foreach (var (key, count) in counts.OrderByDescending(c => c.Value).Take(TopLines))
            Console.WriteLine(percent ? Invariant($"    {(double)count / samples,6:P0} {unit}  {key}") : Invariant($"    {(double)count / samples,6:F2} {unit}  {key}"));
        if (counts.Count == 0)
            Console.WriteLine("    (none)");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
