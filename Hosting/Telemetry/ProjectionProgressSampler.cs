using Credit.ReadModels.ChangeLog;
using Credit.ReadModels.PublicListings.Elasticsearch;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Credit.Hosting.Telemetry;

/// <summary>Reads the change log's head, the search checkpoints and the failing publications every
/// <see cref="TelemetryOptions.SampleInterval"/>, for <see cref="ProjectionMetrics"/>, but only while something listens:
/// without an exporter it costs a timer tick. The readings are taken here rather than in the instruments' callbacks so that
/// an export never waits on PostgreSQL.</summary>
public sealed class ProjectionProgressSampler(
    ChangeLogReader changeLog, SearchCheckpoints checkpoints, PublicationFailures failures, ProjectionMetrics metrics,
    IOptions<TelemetryOptions> options, ILogger<ProjectionProgressSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SampleInterval);
        try
        {
            do
            {
                metrics.Record(metrics.Observed ? await SampleAsync(stoppingToken) : null);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<ProjectionProgress?> SampleAsync(CancellationToken cancellationToken)
    {
        try
        {
            // The head first: a follower read after it may be ahead of it, never falsely behind.
            var head = await changeLog.HeadAsync(cancellationToken);
            var checkIndex = metrics.CheckIndexPosition;
            var engines = await checkpoints.ListAsync(cancellationToken);
            var (failing, _) = await failures.SummaryAsync(cancellationToken);
            return new ProjectionProgress(head, checkIndex, engines, failing);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Whatever the database answers, telemetry must not stop the host (an exception out of a background service would).
            logger.LogDebug(error, "Reading the projection progress for the metrics failed; trying again in {Interval}", options.Value.SampleInterval);
            return null;
        }
    }
}
