using Npgsql;

namespace Credit.ReadModels.ChangeLog;

/// <summary>The one row holding the last change-log position (see 0200_publication.sql).</summary>
internal static class ChangeLogHead
{
    /// <summary>Takes the next <paramref name="count"/> positions and returns the last of them. The row stays locked
    /// until the transaction ends, so the next taker waits for this one to commit: positions become visible in order.</summary>
    public static async Task<long> AdvanceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int count, CancellationToken cancellationToken)
    {
        await using var head = new NpgsqlCommand("UPDATE change_log_head SET last = last + $1 WHERE id = 1 RETURNING last", connection, transaction);
        head.Parameters.Add(new NpgsqlParameter { Value = (long)count });
        return (long)(await head.ExecuteScalarAsync(cancellationToken))!;
    }
}
