namespace Credit.Grains.Interfaces.Partners;

/// <summary>Delivers one webhook subscription's events, in order, at least once, on whichever silo it lives. Keeps nothing
/// of its own: the subscription, its position and its failures are in PostgreSQL (<see cref="IWebhookDeliveries"/>), and a
/// durable reminder wakes it after a crash or a restart.</summary>
[Alias("Credit.IWebhookSubscriptionGrain")]
public interface IWebhookSubscriptionGrain : IGrainWithGuidKey
{
    /// <summary>Starts delivering if it is not already, and looks for new events at once (a change committed, a replay asked).</summary>
    [Alias("Wake")]
    Task Wake();

    /// <summary>As <see cref="Wake"/>, and reads the subscription again first: it was deleted, or a replay was asked for.</summary>
    [Alias("Refresh")]
    Task Refresh();
}
