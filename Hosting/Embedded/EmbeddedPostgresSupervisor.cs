using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Credit.Hosting.Storage;

namespace Credit.Hosting.Embedded;

/// <summary>Keeps the embedded PostgreSQL running while the platform runs, and stops it when the platform stops. If
/// the server process dies (killed, out of memory), it is started again on its port, each failed attempt logged with
/// its reason and followed by a longer wait, and the connection pools are emptied, so the platform recovers by itself
/// and the first request after the restart gets a live connection.</summary>
public sealed class EmbeddedPostgresSupervisor(EmbeddedPostgres postgres, PostgresPools pools, ILogger<EmbeddedPostgresSupervisor> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Interval, stoppingToken);
                if (!postgres.ServerRunning)
                    await RestartAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RestartAsync(CancellationToken stoppingToken)
    {
        var died = DateTimeOffset.UtcNow;
        logger.LogError("The embedded PostgreSQL on port {Port} is not running (its server process is gone); restarting it", postgres.Port);
        // Its idle connections are dead: no request should be handed one, before or after the restart.
        pools.Clear();
        var wait = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await postgres.RestartAsync(stoppingToken);
                pools.Clear();
                logger.LogWarning("Restarted the embedded PostgreSQL on port {Port}, {Seconds:0.0} s after it was found down (attempt {Attempt})",
                    postgres.Port, (DateTimeOffset.UtcNow - died).TotalSeconds, attempt);
                return;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // Typically its old backends still hold the shared memory for a moment, or the port was taken meanwhile.
                logger.LogError("Restarting the embedded PostgreSQL failed (attempt {Attempt}), next attempt in {Seconds} s: {Reason}",
                    attempt, wait.TotalSeconds, error.Message);
            }
            await Task.Delay(wait, stoppingToken);
            wait = wait * 2 > LongestRetry ? LongestRetry : wait * 2;
            if (postgres.ServerRunning)
                return;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Watching ends first: a server stopped on purpose is not restarted.
        await base.StopAsync(cancellationToken);
        await postgres.DisposeAsync();
    }
}
