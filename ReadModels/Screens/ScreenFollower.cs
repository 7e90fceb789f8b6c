using Credit.ReadModels.ChangeLog;
using Credit.ReadModels.Interceptions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Credit.ReadModels.Screens;

/// <summary>Loads <see cref="ScreenIndex"/> and follows what changes it: the change log (a listing added, corrected, removed or
/// expired) and the courts' screen records (a photo, an exclusion). Woken by PostgreSQL's NOTIFY at each commit (the
/// interception projection announces every change of a listing, the screen records their own), and polling in case a
/// notification is lost. Each subject named is read again whole, so applying one twice changes nothing. On the way it
/// deletes what the courts recorded for subjects and listings no longer active (<see cref="ScreenRecords.DeleteOrphansAsync"/>).</summary>
public sealed class ScreenFollower(
    NpgsqlDataSource database, ScreenIndex index, ScreenReadModel readModel, ChangeLogReader changeLog, ScreenRecords records, ILogger<ScreenFollower> logger)
    : BackgroundService
{
    private const int Batch = 2000;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await database.OpenConnectionAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand(
                    $"LISTEN {InterceptionJson.NotificationChannel}; LISTEN {ScreenRecords.NotificationChannel}", listener))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                // Listening before reading: a change committed meanwhile is either read or announced.
                if (!index.Ready)
                {
                    // What a crash left behind between a removal and its follower, before anything is shown.
                    await records.DeleteOrphansAsync(null, stoppingToken);
                    var state = await readModel.LoadAsync(stoppingToken);
                    index.Load(state.Listings, state.LogPosition, state.RecordsPosition);
                    logger.LogInformation("Screens: loaded {Count} active listings as of change-log position {Position}", state.Listings.Count, state.LogPosition);
                }
                var pace = new FollowerPace();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await pace.BeforeReadAsync(stoppingToken);
                    while (await CatchUpAsync(stoppingToken))
                    {
                    }
                    await listener.WaitAsync(Poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(error, "Following the screens' changes failed; retrying in a second");
                await Task.Delay(Poll, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Takes in one batch of each log; true when either may have more.</summary>
    private async Task<bool> CatchUpAsync(CancellationToken cancellationToken)
    {
        var changes = await changeLog.ChangesAfterAsync(index.LogPosition, Batch, cancellationToken);
        var (recorded, recordsReached) = await readModel.RecordsAfterAsync(index.RecordsPosition, Batch, cancellationToken);
        if (changes.Count == 0 && recorded.Count == 0)
            return false;
        var changed = changes.Where(c => c.IsAboutListing).Select(c => c.SubjectKey).ToHashSet(StringComparer.Ordinal);
        if (changed.Count > 0)
            await records.DeleteOrphansAsync(changed, cancellationToken);
        var subjects = changed.Union(recorded, StringComparer.Ordinal).ToList();
        if (subjects.Count > 0)
            index.Apply(subjects, await readModel.SubjectsAsync(subjects, cancellationToken));
        index.Advance(changes.Count > 0 ? changes[^1].Position : index.LogPosition, recordsReached);
        return changes.Count == Batch || recorded.Count == Batch;
    }
}
