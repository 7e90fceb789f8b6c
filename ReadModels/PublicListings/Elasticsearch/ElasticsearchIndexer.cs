using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>Follows the change log into the index: batch by batch from the checkpoint, each subject named
/// in a batch written in its current state with its version as external version, and the checkpoint moved
/// only once every item of the batch is indexed or known to be older than what the index holds. A failed
/// batch is retried, with growing pauses, until it goes through; nothing is skipped.</summary>
public sealed class ElasticsearchIndexer(
    NpgsqlDataSource database,
    ChangeLogFollower follower,
    SearchCheckpoints checkpoints,
    ElasticsearchReindexer reindexer,
    IOptions<ElasticsearchOptions> options,
    TimeProvider clock,
    ILogger<ElasticsearchIndexer> logger) : BackgroundService
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var lease = await PostgresLease.AcquireAsync(database, $"credit-search-indexer:{settings.IndexAlias}", settings.PollInterval * 5, clock, stoppingToken);
                await EnsureIndexAsync(settings.IndexAlias, stoppingToken);
                while (lease.IsHeld && !stoppingToken.IsCancellationRequested)
                {
                    // After a failure, the index may be what went missing (deleted by hand, a cluster restored).
                    if (failures > 0)
                        await EnsureIndexAsync(settings.IndexAlias, stoppingToken);
                    var progress = await IndexNextBatchAsync(settings.IndexAlias, stoppingToken);
                    if (progress == Progress.Failed)
                    {
                        await Task.Delay(Pause(settings.RetryDelay, ++failures), clock, stoppingToken);
                        continue;
                    }
                    failures = 0;
                    if (progress == Progress.UpToDate)
                        await Task.Delay(settings.PollInterval, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // PostgreSQL or Elasticsearch unreachable, or the first build failed: the checkpoint has not
                // moved, so the same work is tried again after a pause.
                logger.LogError(exception, "Elasticsearch indexer stopped on an error; retrying");
                await Task.Delay(Pause(settings.RetryDelay, ++failures), clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    public enum Progress
    {
        /// <summary>The change log has nothing after the checkpoint.</summary>
        UpToDate,
        /// <summary>A batch was indexed and the checkpoint moved past it (or moved back by a rebuild).</summary>
        Advanced,
        /// <summary>Some item of the batch failed: the checkpoint stays, the batch will be retried.</summary>
        Failed,
    }

    /// <summary>One step of the loop: index the batch after the checkpoint and move the checkpoint past it.</summary>
    public async Task<Progress> IndexNextBatchAsync(string alias, CancellationToken cancellationToken)
    {
        var engine = SearchCheckpoints.EngineFor(alias);
        // Read every time, not kept in memory: a rebuild may have moved it back.
        var position = await checkpoints.ReadAsync(engine, cancellationToken);
        var batch = await follower.IndexNextBatchAsync(alias, position, cancellationToken);
        if (batch is null)
            return Progress.UpToDate;
        if (!batch.Outcome.IsComplete)
        {
            logger.LogWarning("Indexing change log positions {From}–{To} ({Subjects} subjects) into {Alias} is incomplete, will retry: {Outcome}",
                position + 1, batch.LastPosition, batch.Subjects, alias, batch.Outcome);
            return Progress.Failed;
        }
        if (!await checkpoints.TryAdvanceAsync(engine, position, batch.LastPosition, cancellationToken))
            logger.LogInformation("The checkpoint of {Alias} moved back during a batch (a rebuild); indexing again from there", alias);
        return Progress.Advanced;
    }

    /// <summary>On the first start there is no index yet: build it from the read model (the same rebuild an
    /// operator runs), so the change log needs no replay from its beginning.</summary>
    private async Task EnsureIndexAsync(string alias, CancellationToken cancellationToken)
    {
        if (await reindexer.EnsureBuiltAsync(cancellationToken) is { } built)
            logger.LogInformation("There was no index behind alias {Alias}: built {Index} from PostgreSQL", alias, built.Index);
    }

    private static TimeSpan Pause(TimeSpan first, int failures) =>
        TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, first.Ticks * (1L << Math.Min(failures - 1, 20))));
}
