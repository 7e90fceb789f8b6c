using Npgsql;

namespace Credit.ReadModels.ChangeLog;

/// <summary>Serialises the projections and repairs of one subject, so that its changes take positions in the order of its
/// versions and a later projection finds the work of an earlier one done. A transaction-level advisory lock on the subject's
/// key: unlike a row lock it gives the transaction no ID, so it can come before <see cref="ChangeLogPositions.TakeAsync"/>.
/// (Two keys that share a hash share a lock; that only makes them wait for each other now and then.)</summary>
internal static class SubjectProjectionLock
{
    /// <summary>Locks the subject until the transaction ends; returns its projected version (0 when none).</summary>
    public static async Task<long> TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string subjectKey, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(5001032, hashtext($1))") { Parameters = { new NpgsqlParameter { Value = subjectKey } } },
                // A statement of its own, so that its snapshot is taken once the lock is held and sees the previous holder's commit.
                new NpgsqlBatchCommand("SELECT version FROM projected_subjects WHERE subject_key = $1") { Parameters = { new NpgsqlParameter { Value = subjectKey } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : 0;
    }
}
