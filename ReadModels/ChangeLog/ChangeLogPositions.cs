using Npgsql;

namespace Credit.ReadModels.ChangeLog;

/// <summary>Takes change-log positions for a writing transaction (see 0511_change_log_positions.sql). Taking them must be the
/// transaction's first write: the transaction gets its ID together with its positions, so that readers can stop before
/// positions whose writer is still open (<see cref="ChangeLogHorizon"/>). Nothing is held afterwards, so writers commit side by side.</summary>
internal static class ChangeLogPositions
{
    /// <summary>Takes the next <paramref name="count"/> positions and returns the last of them.</summary>
    public static async Task<long> TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int count, CancellationToken cancellationToken)
    {
        await using var take = new NpgsqlCommand("SELECT change_log_take($1)", connection, transaction);
        take.Parameters.Add(new NpgsqlParameter { Value = count });
        return (long)(await take.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The statement, for a batch after the subjects' locks (<see cref="SubjectProjectionLock"/>), that takes one position
    /// for each version above its subject's projected version, if there are any, and returns the last. The pairs
    /// (<paramref name="subjectKeys"/>[i], <paramref name="versions"/>[i]) are the versions of the subjects projected.</summary>
    public static NpgsqlBatchCommand TakeAbove(string[] subjectKeys, long[] versions) => new("""
        SELECT change_log_take(n)
        FROM (SELECT count(*)::int AS n FROM unnest($1::text[], $2::bigint[]) v(subject_key, version)
              WHERE v.version > coalesce((SELECT p.version FROM projected_subjects p WHERE p.subject_key = v.subject_key), 0)) above
        WHERE n > 0
        """)
    {
        Parameters = { new NpgsqlParameter { Value = subjectKeys }, new NpgsqlParameter { Value = versions } },
    };

    /// <summary>What <see cref="TakeAbove"/> returned, from the reader's current result: the last position taken, or null.</summary>
    public static async Task<long?> TakenAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : null;
}
