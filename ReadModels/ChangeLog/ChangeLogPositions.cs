using Npgsql;

namespace Credit.ReadModels.ChangeLog;

/// <summary>Takes change-log positions for a writing transaction (see 0511_change_log_positions.sql).</summary>
internal static class ChangeLogPositions
{
    /// <summary>Takes the next <paramref name="count"/> positions and returns the last of them. Must be the transaction's
    /// first write: the transaction gets its ID together with its positions, so that readers can stop before positions
    /// whose writer is still open (<see cref="ChangeLogHorizon"/>). Nothing is held afterwards, so writers commit side by side.</summary>
    public static async Task<long> TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int count, CancellationToken cancellationToken)
    {
        await using var take = new NpgsqlCommand("SELECT change_log_take($1)", connection, transaction);
        take.Parameters.Add(new NpgsqlParameter { Value = count });
        return (long)(await take.ExecuteScalarAsync(cancellationToken))!;
    }
}
