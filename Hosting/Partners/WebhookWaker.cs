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
                    (active, listed) = (await deliveries.ActiveAsync(stoppingToken), now);
                if (signal.Head != seen || now - wokeAll > WakeAllEvery)
                {
                    seen = signal.Head;
                    wokeAll = now;
                    await Task.WhenAll(active.Select(id => grains.GetGrain<IWebhookSubscriptionGrain>(id).Wake()));
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
