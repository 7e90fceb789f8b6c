using System.Globalization;

namespace Credit.Bench;

/// <summary>The command line: <c>--listings N --data DIR --reuse --queries N --concurrency N --warmup N --seed N --no-http</c>.</summary>
public sealed record BenchOptions(
    int Listings,
    string DataFolder,
    bool Reuse,
    int Queries,
    int Concurrency,
    int WarmUp,
    int Seed,
    bool Http)
{
    public const string Database = "credit_bench";

    public static readonly string Usage = """
        usage: dotnet run -c Release --project bench/Credit.Bench -- [options]
          --listings N     listings to seed (default 1000000)
          --data DIR       the embedded PostgreSQL's folder (default /tmp/credit-bench)
          --reuse          keep the listings already seeded in DIR instead of seeding again
          --queries N      timed queries per criterion (default 2000)
          --concurrency N  concurrent callers (default 8)
          --warmup N       untimed queries per criterion first (default 300)
          --seed N         seed of the synthetic data and of the query picks (default 20240601)
          --no-http        skip the same searches over HTTP
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions(1_000_000, "/tmp/credit-bench", false, 2000, 8, 300, 20240601, true);
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--listings" => options with { Listings = Positive(args, ++i) },
                "--data" => options with { DataFolder = Path.GetFullPath(Value(args, ++i)) },
                "--reuse" => options with { Reuse = true },
                "--queries" => options with { Queries = Positive(args, ++i) },
                "--concurrency" => options with { Concurrency = Positive(args, ++i) },
                "--warmup" => options with { WarmUp = int.Parse(Value(args, ++i), CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(Value(args, ++i), CultureInfo.InvariantCulture) },
                "--no-http" => options with { Http = false },
                _ => throw new ArgumentException($"unknown option '{args[i]}'"),
            };
        }
        return options;
    }

    private static string Value(IReadOnlyList<string> args, int i) =>
        i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");

    private static int Positive(IReadOnlyList<string> args, int i)
    {
        var text = Value(args, i).Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{args[i - 1]} must be a positive whole number");
    }
}
