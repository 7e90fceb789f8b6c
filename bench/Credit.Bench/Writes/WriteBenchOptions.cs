using System.Globalization;

namespace Credit.Bench.Writes;

/// <summary>The command line after <c>writes</c>: <c>--clients N,N,... --duration S --warmup S --count N --mixed --data DIR --seed N
/// --no-statements</c>.</summary>
/// <param name="Count">Writes measured per client count; 0 measures for <see cref="DurationSeconds"/> instead.</param>
/// <param name="Statements">Whether PostgreSQL loads pg_stat_statements (and times WAL writes) so each run lists its costliest statements.</param>
public sealed record WriteBenchOptions(
    IReadOnlyList<int> Clients,
    int DurationSeconds,
    int WarmUpSeconds,
    int Count,
    bool Mixed,
    string DataFolder,
    int Seed,
    bool Statements)
{
    public const string Database = "credit_write_bench";

    public static readonly string Usage = """
        usage: dotnet run -c Release --project bench/Credit.Bench -- writes [options]
          --clients N,N,...   concurrent court clients, one run per number (default 8,16,32)
          --duration S        measured seconds per run (default 30)
          --warmup S          unmeasured seconds before each run, same clients; three times as long before the first (default 5)
          --count N           measure N writes per run instead of a duration
          --mixed             listings, consumption restrictions and removals of earlier listings (60/20/20) instead of listings only
          --data DIR          the bench's own PostgreSQL folder (default /tmp/credit-write-bench); its database is dropped and created anew
          --seed N            seed of the synthetic persons and of the mix (default 20261201)
          --no-statements     do not load pg_stat_statements (no statement table; nothing else changes)
        """;

    public static WriteBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new WriteBenchOptions([8, 16, 32], 30, 5, 0, false, "/tmp/credit-write-bench", 20261201, true);
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--clients" => options with { Clients = ParseClients(CommandLine.Value(args, ++i)) },
                "--duration" => options with { DurationSeconds = CommandLine.Whole(args, ++i, 1) },
                "--warmup" => options with { WarmUpSeconds = CommandLine.Whole(args, ++i, 0) },
                "--count" => options with { Count = CommandLine.Whole(args, ++i, 1) },
                "--mixed" => options with { Mixed = true },
                "--data" => options with { DataFolder = Path.GetFullPath(CommandLine.Value(args, ++i)) },
                "--seed" => options with { Seed = int.Parse(CommandLine.Value(args, ++i), CultureInfo.InvariantCulture) },
                "--no-statements" => options with { Statements = false },
                _ => throw new ArgumentException($"unknown option '{args[i]}'"),
            };
        }
        return options;
    }

    private static List<int> ParseClients(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var clients = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000 ? n : 0).ToList();
        return clients.Count > 0 && clients.All(n => n > 0)
            ? clients
            : throw new ArgumentException("--clients takes numbers of 1 to 1000 separated by commas, e.g. 8,16,32");
    }
}
