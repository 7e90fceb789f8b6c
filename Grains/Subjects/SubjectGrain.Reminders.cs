using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Rules;
using Microsoft.Extensions.Logging;

namespace Credit.Grains.Subjects;

public sealed partial class SubjectGrain
{
    private const string ExpiryReminder = "expiry";
    private const string OutboxReminder = "outbox";
    private DateOnly? scheduledExpiry;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Reminders only wake the grain; what to do is read from the stored dates and today's date.
        await ApplyTimeAsync();
        await DeliverOutboxAsync();
    }

    /// <summary>A durable reminder wakes the grain the day after the next end date, even across restarts.</summary>
    private async Task ScheduleExpiryAsync(Subject subject)
    {
        var next = subject.NextExpiry();
        if (next == scheduledExpiry)
            return;
        if (next is { } end)
        {
            var wake = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
            var due = wake - clock.GetUtcNow();
            await this.RegisterOrUpdateReminder(ExpiryReminder, due < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : due, TimeSpan.FromDays(1));
        }
        else if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        scheduledExpiry = next;
    }

    /// <summary>Hands pending commands to other subjects (an entity's legal representative). Each carries
    /// its own idempotency key, so a delivery repeated after a crash changes nothing twice.</summary>
    private async Task DeliverOutboxAsync()
    {
        if (state.State.Outbox.Count == 0)
            return;
        var delivered = 0;
        foreach (var pending in state.State.Outbox.ToList())
        {
            try
            {
                var target = GrainFactory.GetGrain<ISubjectGrain>(pending.Target.Key);
                var result = pending.Restrict is { } restrict
                    ? await target.RestrictAsLegalRepresentative(restrict, pending.Context)
                    : await target.LiftRepresentativeRestriction(pending.Lift!, pending.Context);
                if (result.Refusal is { } refusal)
                    logger.LogError("Subject {Target} refused a delivery from {Subject}: {Field} {Rule}", pending.Target, Id, refusal.Field, refusal.Rule);
                state.State.Outbox.Remove(pending);
                delivered++;
            }
            catch (Exception error)
            {
                logger.LogWarning(error, "Delivery from {Subject} to {Target} failed; it will be retried", Id, pending.Target);
                break;
            }
        }
        if (delivered > 0)
            await StoreAsync(state.State.Clone());
        if (state.State.Outbox.Count > 0)
            await this.RegisterOrUpdateReminder(OutboxReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        else if (await this.GetReminder(OutboxReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
    }
}
