using Credit.ReadModels.Postgres;
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

    private static readonly string ProjectedVersionsOfSubjects =
        $"SELECT v.subject_key, v.version FROM {RowsOfSubjects.From("projected_subjects", "v")}";

    /// <summary>The statements that lock several subjects until the transaction ends, then read their projected versions. The
    /// locks are taken in the order of their numbers, as every transaction that takes several does, so that two such
    /// transactions never each hold a lock the other waits for.</summary>
    public static IEnumerable<NpgsqlBatchCommand> TakeAll(string[] subjectKeys)
    {
        yield return new NpgsqlBatchCommand("""
            SELECT count(pg_advisory_xact_lock(5001032, h)) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($1::text[]) k ORDER BY 1) ordered
            """) { Parameters = { new NpgsqlParameter { Value = subjectKeys } } };
        yield return new NpgsqlBatchCommand(ProjectedVersionsOfSubjects)
        {
            Parameters = { new NpgsqlParameter { Value = subjectKeys } },
        };
    }

    /// <summary>The projected versions of those subjects that have one, from the results of <see cref="TakeAll"/>, the reader at
    /// the first of them.</summary>
    public static async Task<Dictionary<string, long>> ProjectedVersionsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.NextResultAsync(cancellationToken);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
            versions[reader.GetString(0)] = reader.GetInt64(1);
        return versions;
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
