using Credit.Grains.Interfaces.BulkJobs;

namespace Credit.Api.Bulk;

/// <summary>Wakes every unfinished bulk job when the platform has started, and once a minute after: a job that was running
/// when the platform died carries on at once rather than at its reminder's next tick, and a job stored while no silo could
/// start it is not forgotten. Waking a running job does nothing.</summary>
public sealed class BulkJobResumer(IBulkJobRows rows, IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<BulkJobResumer> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var job in await rows.RunningAsync(stoppingToken))
                    await grains.GetGrain<IBulkJobGrain>(job).Start();
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(error, "Waking the unfinished bulk jobs failed; trying again in a minute");
            }
            try
            {
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
