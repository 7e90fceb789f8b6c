using Credit.Bench.Agencies;

namespace Credit.Bench.Screens;

/// <summary>The command line after <c>screens</c>: <c>--channel CODE --listings N --data DIR --threads N --connections N
/// --duration S</c>. wrk's settings default to the agency bench's, so the two ratios are measured alike.</summary>
public sealed record ScreenBenchOptions(string Channel, int Listings, string DataFolder, int Threads, int Connections, int DurationSeconds)
{
    public const string Database = "credit_screen_bench";

    public static readonly string Usage = """
        usage: dotnet run -c Release --project bench/Credit.Bench -- screens [options]
          --channel CODE    the shipped screen channel to poll (default line-1, which shows Liwan, region 440103)
          --listings N      subjects the Liwan court lists in 440103 before the runs (default 300)
          --data DIR        the embedded PostgreSQL's folder (default /tmp/credit-bench-screens; its database is made anew)
          --threads N       wrk threads (default 2, as the agency bench)
          --connections N   wrk connections (default 32, as the agency bench)
          --duration S      seconds per wrk run (default 15, as the agency bench; at most the rotation period less 10 s)
        """;

    public static ScreenBenchOptions Parse(IReadOnlyList<string> args)
    {
        var agencies = AgencyBenchOptions.Parse([]);
        var options = new ScreenBenchOptions("line-1", 300, "/tmp/credit-bench-screens", agencies.Threads, agencies.Connections, agencies.DurationSeconds);
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--channel" => options with { Channel = CommandLine.Value(args, ++i) },
                "--listings" => options with { Listings = CommandLine.Whole(args, ++i, 1) },
                "--data" => options with { DataFolder = Path.GetFullPath(CommandLine.Value(args, ++i)) },
                "--threads" => options with { Threads = CommandLine.Whole(args, ++i, 1) },
                "--connections" => options with { Connections = CommandLine.Whole(args, ++i, 1) },
                "--duration" => options with { DurationSeconds = CommandLine.Whole(args, ++i, 1) },
                _ => throw new ArgumentException($"unknown option '{args[i]}'"),
            };
        }
        return options.Connections >= options.Threads ? options : throw new ArgumentException("--connections must be at least --threads (wrk's rule)");
    }
}
