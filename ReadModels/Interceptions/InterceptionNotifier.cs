using Microsoft.Extensions.Logging;
using Npgsql;

namespace Credit.ReadModels.Interceptions;

/// <summary>Wakes the readers that follow the interception changes (<see cref="InterceptionFollower"/> in every API process)
/// once changes have committed: one NOTIFY, sent outside the writers' transactions, for however many commits came while the
/// last one was being sent. A NOTIFY inside a writing transaction would take PostgreSQL's notification lock at its commit and
/// hold it until the commit is flushed to disk, so that every writer would wait for the one before it again. A lost
/// notification costs a reader at most its poll interval.</summary>
public sealed class InterceptionNotifier(NpgsqlDataSource database, ILogger<InterceptionNotifier> logger)
{
    private const int Idle = 0, Sending = 1, SendingAndMore = 2;
    private int state;

    /// <summary>Called once a transaction that wrote interception changes has committed.</summary>
    public void Committed()
    {
        while (true)
        {
            var now = Volatile.Read(ref state);
            if (now == SendingAndMore)
                return;
            if (Interlocked.CompareExchange(ref state, now + 1, now) != now)
                continue;
            if (now == Idle)
                _ = Task.Run(SendAsync);
            return;
        }
    }

    private async Task SendAsync()
    {
        while (true)
        {
            try
            {
                await using var notify = database.CreateCommand($"SELECT pg_notify('{InterceptionJson.NotificationChannel}', '')");
                await notify.ExecuteNonQueryAsync();
            }
            catch (Exception error) when (error is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogDebug(error, "Notifying the interception followers failed; they poll");
            }
            // Commits signalled while this one was sent need one more; otherwise done.
            if (Interlocked.CompareExchange(ref state, Idle, Sending) == Sending)
                return;
            Volatile.Write(ref state, Sending);
        }
    }
}
