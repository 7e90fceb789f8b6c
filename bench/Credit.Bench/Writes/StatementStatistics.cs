using Credit.Hosting.Embedded;
using Npgsql;

namespace Credit.Bench.Writes;

/// <summary>A statement as pg_stat_statements sums it up over a run: time includes waiting for locks, but COMMIT's leaves out the flush
/// of the write-ahead log, which PostgreSQL does once the statement is timed (pg_stat_wal and the IO:WALSync wait event show it).</summary>
public sealed record StatementCost(long Calls, double TotalMilliseconds, double MeanMilliseconds, long Rows, string Statement);

/// <summary>pg_stat_statements in the bench's own PostgreSQL: loaded at server start (<c>shared_preload_libraries</c>, set with
/// ALTER SYSTEM in the bench's folder, then a restart), together with the timing of WAL writes and flushes for pg_stat_wal.</summary>
public static class StatementStatistics
{
    private const string Library = "pg_stat_statements";

    /// <summary>Loads the library, or unloads it, as <paramref name="wanted"/> says, restarting the server when that changes it.</summary>
    public static async Task ConfigureAsync(EmbeddedPostgres postgres, bool wanted, CancellationToken cancellationToken)
    {
        bool loaded;
        await using (var server = NpgsqlDataSource.Create(postgres.ConnectionString("postgres")))
        {
            await using (var show = server.CreateCommand("SELECT current_setting('shared_preload_libraries')"))
                loaded = ((string)(await show.ExecuteScalarAsync(cancellationToken))!).Contains(Library, StringComparison.Ordinal);
            if (loaded == wanted)
                return;
            string[] settings = wanted
                ? [$"ALTER SYSTEM SET shared_preload_libraries = '{Library}'", "ALTER SYSTEM SET track_wal_io_timing = on"]
                : ["ALTER SYSTEM RESET shared_preload_libraries", "ALTER SYSTEM RESET track_wal_io_timing"];
            foreach (var setting in settings)
            {
                await using var alter = server.CreateCommand(setting);
                await alter.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await postgres.StopAsync();
        await postgres.StartAsync("postgres", cancellationToken);
    }

    public static async Task CreateExtensionAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var create = database.CreateCommand($"CREATE EXTENSION IF NOT EXISTS {Library}");
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task ResetAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var reset = database.CreateCommand("SELECT pg_stat_statements_reset()");
        await reset.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The statements of the bench database that took the most time since the last reset, the bench's own readings left out.</summary>
    public static async Task<List<StatementCost>> TopAsync(NpgsqlDataSource database, int count, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT calls, total_exec_time, mean_exec_time, rows, query FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat%'
            ORDER BY total_exec_time DESC LIMIT $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        var top = new List<StatementCost>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            top.Add(new StatementCost(reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetInt64(3), WaitEventSampler.Shortened(reader.GetString(4))));
        return top;
    }
}
