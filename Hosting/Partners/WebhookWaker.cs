using Credit.Grains.Interfaces.Partners;
using Credit.ReadModels.Partners;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credit.Hosting.Partners;

/// <summary>Wakes the webhook subscriptions: every one when the platform has started (a subscription that was failing or
/// behind carries on at once, not at its reminder's next tick) and once a minute after, and every one each time the partners'
/// change log moves, so a removal reaches the receivers as soon as it is projected. On start it first encrypts any signing
/// secret still stored in clear.</summary>
public sealed class WebhookWaker(IWebhookDeliveries deliveries, PostgresWebhookDeliveries stored, IGrainFactory grains, PartnerChangeSignal signal, IHostApplicationLifetime lifetime,
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

    /// <summary>Encrypts the signing secrets still in clear (from before they were encrypted) or under a retired key.</summary>
    private async Task RewriteSecretsAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (await stored.RewriteSecretsAsync(stoppingToken) is > 0 and var count)
                logger.LogInformation("Encrypted {Count} webhook signing secrets under the current key", count);
        }
        catch (Exception error) when (!stoppingToken.IsCancellationRequested)
        {
            // Each is rewritten when its subscription is next read in any case.
            logger.LogWarning(error, "Encrypting the webhook signing secrets stored in clear failed");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        await RewriteSecretsAsync(stoppingToken);
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
