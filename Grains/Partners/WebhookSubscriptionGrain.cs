using Credit.Grains.Interfaces.Partners;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Credit.Grains.Partners;

/// <summary>Delivers one subscription's events in the order of the partners' change log, each at least once: the position
/// moves past an event only once the receiver answered 2xx (or the event was parked), so a crash re-sends at most the events
/// of the last moment (positions are written for many subscriptions at once, <see cref="IWebhookDeliveries.AdvanceAsync"/>),
/// under the same <c>webhook-id</c>. A failing event holds back the ones after it (order per subscription), retried with
/// exponential backoff and jitter (<see cref="WebhookRules"/>) and parked as a dead letter once it has failed for
/// <see cref="WebhookRules.RetryFor"/>. Removals and additions travel the same way, in the order the courts made them.
/// The subscription (URL, secret, grant, filters) is read when the grain starts, after a failed attempt, when the API
/// refreshes it and every few seconds; between those the grain keeps its own delivered position.</summary>
public sealed class WebhookSubscriptionGrain(
    IWebhookDeliveries deliveries, IWebhookTransport transport, IOptions<WebhookRules> rules, TimeProvider clock, ILogger<WebhookSubscriptionGrain> logger)
    : Grain, IWebhookSubscriptionGrain, IRemindable
{
    private const string WakeReminder = "webhook-subscription";
    private const int Batch = 200;
    private static readonly TimeSpan IdleLook = TimeSpan.FromSeconds(30);
    // A grant or filter changed in the partner file reaches a busy subscription within this.
    private static readonly TimeSpan ReadAgainAfter = TimeSpan.FromSeconds(5);

    private Task? running;
    private bool reminderRegistered;
    private TaskCompletionSource woken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebhookSubscriptionState? subscription;
    private long readAt;
    private bool stale = true;
    private long delivered = long.MinValue;

    private Guid Id => this.GetPrimaryKey();

    public async Task Wake()
    {
        Interlocked.Exchange(ref woken, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        if (running is { IsCompleted: false })
            return;
        if (!reminderRegistered)
        {
            // Wakes the subscription on whichever silo should this activation die with its silo; removed with the subscription.
            await this.RegisterOrUpdateReminder(WakeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            reminderRegistered = true;
        }
        running = RunAsync();
    }

    public Task Refresh()
    {
        stale = true;
        return Wake();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        reminderRegistered = true;
        return Wake();
    }

    private async Task RunAsync()
    {
        while (true)
        {
            try
            {
                var wake = Volatile.Read(ref woken).Task;
                if (stale || subscription is null || clock.GetElapsedTime(readAt) > ReadAgainAfter)
                {
                    stale = false;
                    readAt = clock.GetTimestamp();
                    subscription = await deliveries.FindAsync(Id);
                    if (subscription is null)
                    {
                        if (await this.GetReminder(WakeReminder) is { } reminder)
                            await this.UnregisterReminder(reminder);
                        reminderRegistered = false;
                        DeactivateOnIdle();
                        return;
                    }
                    delivered = Math.Max(delivered, subscription.Position);
                    if (subscription.ReplaysAsked)
                        await ReplayAsync(subscription);
                }
                var changes = await deliveries.ChangesAfterAsync(delivered, Batch);
                if (changes.Count == 0)
                {
                    await Task.WhenAny(wake, Task.Delay(IdleLook, clock));
                    continue;
                }
                await DeliverAsync(subscription, changes);
            }
            catch (Exception error)
            {
                // The database away, most likely: what was delivered is recorded; look again shortly.
                logger.LogWarning(error, "Webhook subscription {Subscription}: delivery stopped; trying again in a second", Id);
                stale = true;
                await Task.Delay(TimeSpan.FromSeconds(1), clock);
            }
        }
    }

    private async Task DeliverAsync(WebhookSubscriptionState state, IReadOnlyList<PartnerChangeRow> changes)
    {
        foreach (var row in changes)
        {
            if (PartnerView.Change(row.Position, row.Before, row.After, state.Fields, state.Filters) is not { } change)
            {
                delivered = row.Position;
                continue;
            }
            var messageId = WebhookPayload.MessageId(Id, row.Position);
            var payload = WebhookPayload.Of(change, row.At);
            var failure = state.Failure is { } earlier && earlier.Position == row.Position ? earlier : null;
            if (failure is not null && failure.NextAttemptAt > clock.GetUtcNow())
                await Task.Delay(failure.NextAttemptAt - clock.GetUtcNow(), clock);
            var error = await transport.SendAsync(state.Url, state.Secret, messageId, payload);
            var now = clock.GetUtcNow();
            if (error is null)
            {
                delivered = row.Position;
                await deliveries.AdvanceAsync(Id, delivered);
                continue;
            }
            var attempts = (failure?.Attempts ?? 0) + 1;
            var first = failure?.FirstFailedAt ?? now;
            failure = new WebhookFailure(row.Position, attempts, first, now + rules.Value.RetryDelay(attempts, Random.Shared.NextDouble()), error);
            if (now - first >= rules.Value.RetryFor)
            {
                logger.LogWarning("Webhook subscription {Subscription}: event {Position} failed for {Duration} ({Error}); parked as a dead letter",
                    Id, row.Position, now - first, error);
                await deliveries.ParkAsync(Id, row.Position, messageId, payload, failure);
                delivered = row.Position;
                stale = true;
                return;
            }
            // Read again before the next attempt: the subscription may have been deleted, or its URL changed, meanwhile.
            await deliveries.RecordFailureAsync(Id, failure);
            stale = true;
            return;
        }
        // Events this subscription does not receive are passed over as well.
        await deliveries.AdvanceAsync(Id, delivered);
    }

    /// <summary>Sends each dead letter the partner asked to replay once; one that fails again stays asked for.</summary>
    private async Task ReplayAsync(WebhookSubscriptionState state)
    {
        foreach (var replay in await deliveries.ReplaysAsync(Id))
        {
            if (await transport.SendAsync(state.Url, state.Secret, replay.MessageId, replay.Payload) is null)
                await deliveries.ReplayedAsync(Id, replay.Position);
        }
    }
}
