using Credit.Grains.Interfaces.Partners;
using Credit.ReadModels.Partners;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credit.Hosting.Partners;

/// <summary>Wakes the webhook subscriptions: every one when the platform has started (a subscription that was failing or
/// behind carries on at once, not at its reminder's next tick) and once a minute after, and every one each time the partners'
/// change log moves, so a removal reaches the receivers as soon as it is projected.</summary>
public sealed class WebhookWaker(IWebhookDeliveries deliveries, IGrainFactory grains, PartnerChangeSignal signal, IHostApplicationLifetime lifetime,
    ILogger<WebhookWaker> logger) : BackgroundService
{
    private static readonly TimeSpan ListFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WakeAllEvery = TimeSpan.FromMinutes(1);

    /// <summary>Wakes each subscription, waiting for none longer than a few seconds: one slow to activate must not hold up the rest.</summary>
    private async Task WakeAsync(IEnumerable<Guid> subscriptions)
    {
        var wakes = subscriptions.Select(id => grains.GetGrain<IWebhookSubscriptionGrain>(id).Wake().WaitAsync(TimeSpan.FromSeconds(5))).ToList();
        try
        {
            await Task.WhenAll(wakes);
        }
        catch (Exception error) when (error is TimeoutException or OrleansException)
        {
            logger.LogWarning(error, "{Count} webhook subscriptions did not answer their wake in time; their reminders wake them", wakes.Count(w => w.IsFaulted));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        IReadOnlyList<Guid> active = [];
        var listed = DateTimeOffset.MinValue;
        var wokeAll = DateTimeOffset.MinValue;
        var seen = long.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var move = signal.NextMove;
                var now = DateTimeOffset.UtcNow;
                if (now - listed > ListFor)
                {
                    var known = active.ToHashSet();
                    (active, listed) = (await deliveries.ActiveAsync(stoppingToken), now);
                    // A subscription created since the last look may have missed a move of the head.
                    await WakeAsync(active.Where(id => !known.Contains(id)));
                }
                if (signal.Head != seen || now - wokeAll > WakeAllEvery)
                {
                    seen = signal.Head;
                    wokeAll = now;
                    await WakeAsync(active);
                }
                await Task.WhenAny(move, Task.Delay(ListFor, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.LogWarning(error, "Waking the webhook subscriptions failed; trying again shortly");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
