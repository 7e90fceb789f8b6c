using System.Data;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.ChangeLog;
using Npgsql;

namespace Credit.ReadModels.Interceptions;

/// <summary>Opens <see cref="InterceptionSnapshot"/>s: the safe head of the change log and the rows, in one repeatable-read transaction.</summary>
public sealed class InterceptionSnapshots(NpgsqlDataSource database, TimeProvider clock)
{
    /// <summary>Opens a snapshot as of now, showing the holds in force today (China time).</summary>
    public async Task<InterceptionSnapshot> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var position = await ChangeLogHorizon.SafeHeadAsync(connection, transaction, cancellationToken);
            return new InterceptionSnapshot(connection, transaction, position, clock.Today());
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
