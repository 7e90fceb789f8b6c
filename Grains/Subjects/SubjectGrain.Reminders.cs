using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Rules;
using Microsoft.Extensions.Logging;

namespace Credit.Grains.Subjects;

public sealed partial class SubjectGrain
{
    private const string ExpiryReminder = "expiry";
    private const string RetryReminder = "retry";
    private bool? retryReminderRegistered;
    private static readonly TimeSpan LongestReminderHop = TimeSpan.FromDays(40);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Reminders only wake the grain; what to do is read from the stored dates and today's date.
        if (reminderName == RetryReminder)
            retryReminderRegistered = true;
        await ApplyTimeAsync(rescheduleExpiry: reminderName == ExpiryReminder);
        await DeliverOutboxAsync();
    }

    /// <summary>A durable reminder wakes the grain on the next day that time changes something (the day after an end
    /// date, the first day of a ban decided ahead), even across restarts.
    /// Registered before the state that needs it is stored: a reminder without stored state only wakes
    /// the grain to find nothing due. Returns whether the subject's state records a new registration.</summary>
    private async Task<bool> ScheduleExpiryAsync(Subject subject, bool force = false)
    {
        var next = subject.NextTimeChange();
        if (next == subject.State.ExpiryReminderFor && !force)
            return false;
        if (next is { } day)
        {
            var due = ChinaTime.StartOf(day) - clock.GetUtcNow();
            // Reminder timers do not take due times of years; a far end date is reached in hops, each
            // tick registering the next one (a write every few weeks per subject, not a tick a day).
            due = due < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : due > LongestReminderHop ? LongestReminderHop : due;
            await this.RegisterOrUpdateReminder(ExpiryReminder, due, TimeSpan.FromDays(1));
        }
        else if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        subject.State.ExpiryReminderFor = next;
        return true;
    }

    /// <summary>Hands pending commands to other subjects (an entity's legal representative). Each carries
    /// its own idempotency key, so a delivery repeated after a crash changes nothing twice.</summary>
    private async Task DeliverOutboxAsync()
    {
        if (state.State.Outbox.Count == 0)
        {
            await KeepRetryingWhilePendingAsync();
            return;
        }
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
        await KeepRetryingWhilePendingAsync();
    }

    /// <summary>A durable reminder retries, every minute, whatever this subject still owes others:
    /// deliveries to other subjects and the publication of its stored changes.</summary>
    private async Task KeepRetryingWhilePendingAsync()
    {
        var pending = state.State.Outbox.Count > 0 || (state.State.Profile is not null && publishedVersion < state.State.Version);
        if (pending && retryReminderRegistered != true)
        {
            await this.RegisterOrUpdateReminder(RetryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            retryReminderRegistered = true;
        }
        else if (!pending && retryReminderRegistered == true)
        {
            if (await this.GetReminder(RetryReminder) is { } reminder)
                await this.UnregisterReminder(reminder);
            retryReminderRegistered = false;
        }
    }
}
