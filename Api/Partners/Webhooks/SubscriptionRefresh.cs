using Credit.Grains.Interfaces.Partners;

namespace Credit.Api.Partners.Webhooks;

/// <summary>Tells a subscription's grain that what is stored for it changed. The change is already stored when this is
/// called, and the grain finds it by itself: the webhook waker wakes every subscription within seconds and the grain reads
/// its subscription again every few seconds. So a refresh that fails (a silo busy or restarting) is logged, never answered
/// as a failure of a change that was made.</summary>
public static class SubscriptionRefresh
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static async Task RefreshSubscriptionAsync(this IGrainFactory grains, Guid subscription, HttpContext http)
    {
        try
        {
            await grains.GetGrain<IWebhookSubscriptionGrain>(subscription).Refresh().WaitAsync(Patience);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SubscriptionRefresh));
            logger.LogWarning(error, "Refreshing webhook subscription {Subscription} failed; the webhook waker and the grain's own reads pick up the change", subscription);
        }
    }
}
