namespace Credit.Grains.Interfaces.Partners;

/// <summary>The durable memory of webhook deliveries, as a subscription's grain sees it.</summary>
public interface IWebhookDeliveries
{
    /// <summary>The subscription, or null when there is none (or it was deleted).</summary>
    Task<WebhookSubscriptionState?> FindAsync(Guid subscription, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> rows of the partners' change log after <paramref name="position"/>, in order.</summary>
    Task<IReadOnlyList<PartnerChangeRow>> ChangesAfterAsync(long position, int limit, CancellationToken cancellationToken = default);

    /// <summary>Moves the subscription's position on past a delivered (or not matching) event and clears its failure (if at or
    /// before it). Written with other subscriptions' positions a moment later: after a crash the events of that moment are sent
    /// again, under the same ids.</summary>
    Task AdvanceAsync(Guid subscription, long position, CancellationToken cancellationToken = default);

    /// <summary>Records a failed attempt at the event after the subscription's position, and when to try again.</summary>
    Task RecordFailureAsync(Guid subscription, WebhookFailure failure, CancellationToken cancellationToken = default);

    /// <summary>Parks the event in the subscription's dead letters and moves its position past it, in one transaction.</summary>
    Task ParkAsync(Guid subscription, long position, string messageId, string payload, WebhookFailure failure, CancellationToken cancellationToken = default);

    /// <summary>The dead letters whose replay the partner asked for, oldest first.</summary>
    Task<IReadOnlyList<WebhookReplay>> ReplaysAsync(Guid subscription, CancellationToken cancellationToken = default);

    /// <summary>Records that a replay was delivered.</summary>
    Task ReplayedAsync(Guid subscription, long position, CancellationToken cancellationToken = default);

    /// <summary>Every subscription not deleted: what a starting platform wakes.</summary>
    Task<IReadOnlyList<Guid>> ActiveAsync(CancellationToken cancellationToken = default);
}

/// <param name="Fields">What the partner is granted, as its partner entry says now.</param>
/// <param name="Filters">The partner's filter and the subscription's own: a listing must pass both.</param>
/// <param name="Position">The partners' change-log position delivered up to.</param>
/// <param name="Failure">The failing attempts at the next event, if any.</param>
/// <param name="ReplaysAsked">Whether the partner asked for a dead letter's replay not yet delivered.</param>
public sealed record WebhookSubscriptionState(
    Guid Id,
    string Partner,
    Uri Url,
    string Secret,
    IReadOnlySet<PartnerField> Fields,
    IReadOnlyList<PartnerFilter> Filters,
    long Position,
    WebhookFailure? Failure,
    bool ReplaysAsked);

/// <summary>Failed attempts at one event.</summary>
public sealed record WebhookFailure(long Position, int Attempts, DateTimeOffset FirstFailedAt, DateTimeOffset NextAttemptAt, string Error);

/// <summary>One row of the partners' change log: a listing's state for the partners before and after (null: not active).</summary>
public sealed record PartnerChangeRow(long Position, PartnerListing? Before, PartnerListing? After, DateTimeOffset At);

/// <summary>A dead letter to deliver again, as it was first sent.</summary>
public sealed record WebhookReplay(long Position, string MessageId, string Payload);

/// <summary>Sends one signed webhook request.</summary>
public interface IWebhookTransport
{
    /// <summary>Posts <paramref name="payload"/> to <paramref name="url"/> signed with <paramref name="secret"/> as Standard
    /// Webhooks says; null when the receiver answered 2xx, else why not.</summary>
    Task<string?> SendAsync(Uri url, string secret, string messageId, string payload, CancellationToken cancellationToken = default);
}
