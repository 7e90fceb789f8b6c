using Npgsql;

namespace Credit.ReadModels.ChangeLog;

/// <summary>Where readers of change-log positions stop (see 0511_change_log_positions.sql): at rows whose writer is below
/// the horizon of the reader's snapshot. Every reader of <c>change_log</c> and <c>interception_changes</c> by position
/// reads through this, in the same statement (or repeatable-read transaction) as its rows, so that the horizon and the
/// rows come from one snapshot.</summary>
public static class ChangeLogHorizon
{
    /// <summary>A common table expression <c>horizon</c> with the columns <c>below</c> (rows whose <c>writer</c> is below it
    /// may be read) and <c>head</c> (the safe head: every position up to it that will ever hold a change is visible).</summary>
    public const string Cte = "horizon AS MATERIALIZED (SELECT h AS below, change_log_safe_head(h) AS head FROM change_log_horizon() h)";

    /// <summary>The condition for a row of a change table aliased <paramref name="alias"/>, when no head is needed.</summary>
    public static string Readable(string alias) => $"{alias}.writer < (SELECT change_log_horizon())";

    /// <summary>The safe head as of the command's snapshot (the transaction's, in a repeatable-read transaction).</summary>
    public static async Task<long> SafeHeadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT change_log_safe_head(change_log_horizon())", connection, transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The safe head as of now.</summary>
    public static async Task<long> SafeHeadAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT change_log_safe_head(change_log_horizon())");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The newest position any writer has taken, committed or not: no reader was ever given a position beyond it.</summary>
    public static async Task<long> NewestTakenAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT change_log_newest()");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
