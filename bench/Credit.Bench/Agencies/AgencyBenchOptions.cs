using System.Globalization;

namespace Credit.Bench.Agencies;

/// <summary>The command line after <c>agencies</c>: <c>--subjects N --data DIR --reuse --seed N --threads N --connections N
/// --duration S --batches N --propagation N</c>.</summary>
public sealed record AgencyBenchOptions(
    int Subjects,
    string DataFolder,
    bool Reuse,
    int Seed,
    int Threads,
    int Connections,
    int DurationSeconds,
    int Batches,
    int Propagation,
    IReadOnlySet<string> Steps)
{
    /// <summary>The measuring steps, in the order they run; <c>--only</c> picks some of them.</summary>
    public static readonly IReadOnlyList<string> AllSteps = ["footprint", "checks", "batches", "snapshots", "propagation"];

    public bool Runs(string step) => Steps.Contains(step);

    public const string Database = "credit_agency_bench";

    public static readonly string Usage = """
        usage: dotnet run -c Release --project bench/Credit.Bench -- agencies [options]
          --subjects N      intercepted subjects to seed (default 1000000)
          --data DIR        the embedded PostgreSQL's folder (default /tmp/credit-bench, shared with the search bench)
          --reuse           keep the subjects already seeded in DIR instead of seeding again
          --seed N          seed of the synthetic subjects and of the IDs checked (default 20261125)
          --threads N       wrk threads (default 2)
          --connections N   wrk connections (default 32)
          --duration S      seconds per wrk run (default 15)
          --batches N       timed batches of 10,000 IDs (default 50)
          --propagation N   listings created then removed per propagation round; 0 skips both rounds (default 300)
          --only STEPS      comma-separated steps to run, of footprint, checks, batches, snapshots, propagation (default all)
        """;

    public static AgencyBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new AgencyBenchOptions(1_000_000, "/tmp/credit-bench", false, 20261125, 2, 32, 15, 50, 300, AllSteps.ToHashSet());
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--subjects" => options with { Subjects = CommandLine.Whole(args, ++i, 1) },
                "--data" => options with { DataFolder = Path.GetFullPath(CommandLine.Value(args, ++i)) },
                "--reuse" => options with { Reuse = true },
                "--seed" => options with { Seed = int.Parse(CommandLine.Value(args, ++i), CultureInfo.InvariantCulture) },
                "--threads" => options with { Threads = CommandLine.Whole(args, ++i, 1) },
                "--connections" => options with { Connections = CommandLine.Whole(args, ++i, 1) },
                "--duration" => options with { DurationSeconds = CommandLine.Whole(args, ++i, 1) },
                "--batches" => options with { Batches = CommandLine.Whole(args, ++i, 1) },
                "--propagation" => options with { Propagation = CommandLine.Whole(args, ++i, 0) },
                "--only" => options with { Steps = ParseSteps(args, ++i) },
                _ => throw new ArgumentException($"unknown option '{args[i]}'"),
            };
        }
        return options.Connections >= options.Threads ? options : throw new ArgumentException("--connections must be at least --threads (wrk's rule)");
    }

    private static HashSet<string> ParseSteps(IReadOnlyList<string> args, int i)
    {
        var steps = CommandLine.Value(args, i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return steps.Count > 0 && steps.All(AllSteps.Contains)
            ? steps
            : throw new ArgumentException($"--only takes steps of {string.Join(", ", AllSteps)}, separated by commas");
    }
}
