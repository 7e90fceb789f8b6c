using System.Globalization;
using Credit.Bench.Measuring;

namespace Credit.Bench;

/// <summary>The figures, one line per criterion, in a fixed-width table that pastes into Markdown.</summary>
public static class ResultTable
{
    public static void Print(string title, IReadOnlyList<(Criterion Criterion, Measurement Measurement)> results)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine("| criterion              | matches p50/max | rows/page | p50 ms | p95 ms | p99 ms | max ms | queries/s | CPU ms/query db+app | p99 < 50 ms |");
        Console.WriteLine("|------------------------|-----------------|-----------|--------|--------|--------|--------|-----------|---------------------|-------------|");
        foreach (var (criterion, m) in results)
        {
            var matches = criterion.Matches is { } found ? $"{found.Median:N0}/{found.Largest:N0}" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {m.Criterion,-22} | {matches,15} | {m.RowsPerQuery,9:F1} | {m.P50,6:F1} | {m.P95,6:F1} | {m.P99,6:F1} | {m.Max,6:F1} | {m.QueriesPerSecond,9:F0} | {$"{m.DatabaseCpu:F2}+{m.ApplicationCpu:F2}",19} | {(m.MeetsTarget ? "yes" : "NO"),-11} |"));
        }
        Console.WriteLine("slowest single request per criterion:");
        foreach (var (_, m) in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {m.Criterion,-22} {m.Max,7:F1} ms  {Shortened(m.Slowest.ToString())}"));
    }

    private static string Shortened(string text) => text.Length <= 90 ? text : string.Concat(text.AsSpan(0, 87), "...");
}
