using Npgsql;

namespace Credit.ReadModels.ChangeLog;

/// <summary>Serialises the projections and repairs of one subject, so that its changes take positions in the order of its
/// versions and a later projection finds the work of an earlier one done. A transaction-level advisory lock on the subject's
/// key: unlike a row lock it gives the transaction no ID, so it can come before the positions are taken
/// (<see cref="ChangeLogPositions"/>). Two keys that share a hash share a lock; that only makes them wait for each other.</summary>
internal static class SubjectProjectionLock
{
    /// <summary>The statements that lock the subject until the transaction ends and then read its projected version. The read
    /// is a statement of its own, so that its snapshot is taken once the lock is held and sees the previous holder's commit.</summary>
    public static IEnumerable<NpgsqlBatchCommand> Take(string subjectKey)
    {
        yield return new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(5001032, hashtext($1))") { Parameters = { new NpgsqlParameter { Value = subjectKey } } };
        yield return new NpgsqlBatchCommand("SELECT version FROM projected_subjects WHERE subject_key = $1") { Parameters = { new NpgsqlParameter { Value = subjectKey } } };
    }

    /// <summary>The projected version (0 when none) from the results of <see cref="Take"/>, the reader at the first of them.</summary>
    public static async Task<long> ProjectedVersionAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.NextResultAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : 0;
    }

    /// <summary>Locks the subject until the transaction ends; returns its projected version (0 when none).</summary>
    public static async Task<long> TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string subjectKey, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in Take(subjectKey))
            batch.BatchCommands.Add(command);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ProjectedVersionAsync(reader, cancellationToken);
    }
}
