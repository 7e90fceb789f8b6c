using System.Data;
using System.Diagnostics;
using Credit.ReadModels.ChangeLog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Credit.ReadModels.Interceptions;

/// <summary>Loads the interception read model into <see cref="InterceptionIndex"/> and follows its changes:
/// woken by PostgreSQL's NOTIFY at each commit (reading at most every <see cref="FollowerPace.Least"/>), and polling every second in
/// case a notification is lost.</summary>
public sealed class InterceptionFollower(NpgsqlDataSource database, InterceptionIndex index, ILogger<InterceptionFollower> logger) : BackgroundService
{
    private const int Batch = 10_000;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await database.OpenConnectionAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {InterceptionJson.NotificationChannel}", listener))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                // Listening before reading: a change committed meanwhile is either read or announced.
                if (!index.Ready)
                    await LoadAsync(stoppingToken);
                var pace = new FollowerPace();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await pace.BeforeReadAsync(stoppingToken);
                    await CatchUpAsync(stoppingToken);
                    await listener.WaitAsync(Poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(error, "Following interception changes failed; retrying in a second");
                await Task.Delay(Poll, stoppingToken);
            }
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // Checks answer 503 until this is done, so operators need its duration (and the agency bench reads it).
        var clock = Stopwatch.StartNew();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var position = await ChangeLogHorizon.SafeHeadAsync(connection, transaction, cancellationToken);
        await using (var rows = new NpgsqlCommand("SELECT subject_key, holds::text FROM intercepted_subjects_at($1)", connection, transaction))
        {
            rows.Parameters.Add(new NpgsqlParameter { Value = position });
            await using var reader = await rows.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                index.Set(reader.GetString(0), InterceptionJson.Read(reader.GetString(1)));
        }
        await transaction.CommitAsync(cancellationToken);
        index.Loaded(position, clock.Elapsed);
        logger.LogInformation("Loaded {Count} intercepted subjects as of change-log position {Position} in {Milliseconds} ms",
            index.Count, position, clock.ElapsedMilliseconds);
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var command = database.CreateCommand($"""
                SELECT position, subject_key, holds_after::text FROM interception_changes c
                WHERE position > $1 AND {ChangeLogHorizon.Readable("c")} ORDER BY position LIMIT $2
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = index.Position });
            command.Parameters.Add(new NpgsqlParameter { Value = Batch });
            var read = 0;
            long reached = index.Position;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    read++;
                    reached = reader.GetInt64(0);
                    index.Set(reader.GetString(1), InterceptionJson.Read(reader.GetString(2)));
                }
            }
            index.Advance(reached);
            if (read < Batch)
                return;
        }
    }
}
