using System.Globalization;

namespace Credit.Bench.Bulk;

/// <summary>The command line after <c>bulk</c>: <c>--rows N --data DIR --seed N --concurrency N --stop-after S</c>.</summary>
public sealed record BulkBenchOptions(int Rows, string DataFolder, int Seed, int? Concurrency, int? StopAfterSeconds = null)
{
    public const string Database = "credit_bulk_bench";

    public static readonly string Usage = """
        usage: dotnet run -c Release --project bench/Credit.Bench -- bulk [options]
          --rows N          listings in the file, each a new subject (default 200000)
          --data DIR        the embedded PostgreSQL's folder (default /tmp/credit-bench-bulk); the database is made anew
          --seed N          seed of the synthetic listings (default 20261202)
          --concurrency N   rows a job applies at once (Credit:Bulk:Concurrency; default the platform's)
          --stop-after S    stop measuring S seconds after the 202 and report the figures so far (for a file that would take hours)
        """;

    public static BulkBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BulkBenchOptions(200_000, "/tmp/credit-bench-bulk", 20261202, null);
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--rows" => options with { Rows = Whole(args, ++i) },
                "--data" => options with { DataFolder = Path.GetFullPath(Value(args, ++i)) },
                "--seed" => options with { Seed = int.Parse(Value(args, ++i), CultureInfo.InvariantCulture) },
                "--concurrency" => options with { Concurrency = Whole(args, ++i) },
                "--stop-after" => options with { StopAfterSeconds = Whole(args, ++i) },
                _ => throw new ArgumentException($"unknown option '{args[i]}'"),
            };
        }
        return options;
    }

    private static string Value(IReadOnlyList<string> args, int i) =>
        i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");

    private static int Whole(IReadOnlyList<string> args, int i) =>
        int.Parse(Value(args, i), CultureInfo.InvariantCulture) is var n and >= 1 ? n : throw new ArgumentException($"{args[i - 1]} must be at least 1");
}
