using Npgsql;

namespace Credit.Bench.Writes;

/// <summary>Cumulative counters of the bench database and of the write-ahead log (pg_stat_database, pg_stat_wal). Backends report
/// them about once a second, so a difference over a run of half a minute is right to a few percent.</summary>
/// <param name="WalSyncMilliseconds">Time spent flushing the log to disk (0 unless <c>track_wal_io_timing</c> is on).</param>
public sealed record DatabaseCounters(long Commits, long Rollbacks, long WalRecords, decimal WalBytes, long WalWrites, long WalSyncs, double WalSyncMilliseconds)
{
    public static async Task<DatabaseCounters> ReadAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT d.xact_commit, d.xact_rollback, w.wal_records, w.wal_bytes, w.wal_write, w.wal_sync, w.wal_sync_time
            FROM pg_stat_database d, pg_stat_wal w WHERE d.datname = current_database()
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DatabaseCounters(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDecimal(3), reader.GetInt64(4), reader.GetInt64(5),
            reader.GetDouble(6));
    }

    public static DatabaseCounters operator -(DatabaseCounters after, DatabaseCounters before) => new(
        after.Commits - before.Commits, after.Rollbacks - before.Rollbacks, after.WalRecords - before.WalRecords, after.WalBytes - before.WalBytes,
        after.WalWrites - before.WalWrites, after.WalSyncs - before.WalSyncs, after.WalSyncMilliseconds - before.WalSyncMilliseconds);
}
