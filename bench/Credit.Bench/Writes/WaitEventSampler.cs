using System.Text.RegularExpressions;
using Npgsql;

namespace Credit.Bench.Writes;

/// <summary>What the bench database's client backends were doing, sampled from <c>pg_stat_activity</c>: counts of samples per key,
/// to be divided by <see cref="Samples"/> for the average number of backends in that state.</summary>
/// <param name="States">Every client backend by state and wait event ("active on CPU", "active Lock:transactionid",
/// "idle in transaction Client:ClientRead": inside a transaction, waiting for the platform's next statement).</param>
/// <param name="Statements">Backends not idle, by wait event and the statement they run (or, idle in a transaction, ran last).</param>
/// <param name="Blockers">The backends that the ones waiting for a lock wait for (<c>pg_blocking_pids</c>) and that wait for no lock
/// themselves, by state, wait event and statement: what a lock holder is doing while others queue behind it.</param>
/// <param name="SamplesWithLockWaits">Samples in which at least one backend waited for a lock.</param>
public sealed record WaitEvents(int Samples, IReadOnlyDictionary<string, int> States, IReadOnlyDictionary<string, int> Statements,
    IReadOnlyDictionary<string, int> Blockers, int SamplesWithLockWaits);

/// <summary>Samples <c>pg_stat_activity</c> on a connection of its own every <see cref="Every"/> until stopped.</summary>
public sealed partial class WaitEventSampler : IAsyncDisposable
{
    public static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);

    // Client backends of this database other than the sampler's own; then the backends that lock waiters wait for and that wait for no
    // lock themselves: the holders at the head of each queue, not the waiters queued ahead of others.
    private const string Sql = """
        WITH backends AS (
            SELECT pid, state, coalesce(wait_event_type || ':' || wait_event, 'on CPU') AS wait, left(query, 200) AS query
            FROM pg_stat_activity
            WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()),
        blockers AS (
            SELECT DISTINCT unnest(pg_blocking_pids(pid)) AS pid FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock')
        SELECT false, state, wait, query FROM backends
        UNION ALL
        SELECT true, b.state, b.wait, b.query FROM backends b JOIN blockers USING (pid) WHERE b.wait NOT LIKE 'Lock:%'
        """;

    private readonly NpgsqlConnection connection;
    private readonly CancellationTokenSource stopping = new();
    private readonly Dictionary<string, int> states = [];
    private readonly Dictionary<string, int> statements = [];
    private readonly Dictionary<string, int> blockers = [];
    private readonly Task sampling;
    private int samples;
    private int samplesWithLockWaits;

    private WaitEventSampler(NpgsqlConnection connection)
    {
        this.connection = connection;
        sampling = Task.Run(SampleAsync);
    }

    public static async Task<WaitEventSampler> StartAsync(NpgsqlDataSource database, CancellationToken cancellationToken) =>
        new(await database.OpenConnectionAsync(cancellationToken));

    public async Task<WaitEvents> StopAsync()
    {
        await stopping.CancelAsync();
        await sampling;
        return new WaitEvents(samples, states, statements, blockers, samplesWithLockWaits);
    }

    public async ValueTask DisposeAsync()
    {
        if (!stopping.IsCancellationRequested)
            await StopAsync();
        await connection.DisposeAsync();
        stopping.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            do
            {
                var rows = new List<(bool Blocker, string State, string Wait, string Statement)>();
                await using (var command = new NpgsqlCommand(Sql, connection))
                await using (var reader = await command.ExecuteReaderAsync(stopping.Token))
                {
                    while (await reader.ReadAsync(stopping.Token))
                        rows.Add((reader.GetBoolean(0), reader.IsDBNull(1) ? "?" : reader.GetString(1), reader.GetString(2), Shortened(reader.IsDBNull(3) ? "" : reader.GetString(3))));
                }
                foreach (var (blocker, state, wait, statement) in rows)
                {
                    if (blocker)
                    {
                        Count(blockers, $"{state} {wait} | {statement}");
                        continue;
                    }
                    Count(states, $"{state} {wait}");
                    if (state != "idle")
                        Count(statements, $"{wait} | {statement}");
                }
                samples++;
                if (rows.Any(r => !r.Blocker && r.Wait.StartsWith("Lock:", StringComparison.Ordinal)))
                    samplesWithLockWaits++;
            }
            while (await timer.WaitForNextTickAsync(stopping.Token));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped; a sample cut short is not counted.
        }
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>The statement's first 90 characters, on one line.</summary>
    public static string Shortened(string statement)
    {
        var line = Whitespace().Replace(statement, " ").Trim();
        return line.Length <= 90 ? line : line[..87] + "...";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
