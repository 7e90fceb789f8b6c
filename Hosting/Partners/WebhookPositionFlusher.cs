using Credit.ReadModels.Partners;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credit.Hosting.Partners;

/// <summary>Writes the webhook subscriptions' delivered positions every <see cref="WebhookPositions.Interval"/>, and once more
/// when the platform stops (registered before the silo, so it stops after the grains have).</summary>
public sealed class WebhookPositionFlusher(WebhookPositions positions, ILogger<WebhookPositionFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(WebhookPositions.Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The host's stop token may already have run out (a slow silo stop); the last positions get a few seconds of their own.
        using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await FlushAsync(last.Token);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await positions.FlushAsync(cancellationToken);
        }
        catch (Exception error)
        {
            // Not written: those events are sent again by whichever activation carries on, under the same ids.
            logger.LogWarning(error, "Writing the webhook subscriptions' positions failed; trying again at the next flush");
        }
    }
}
