using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Time;
using Microsoft.Extensions.Logging;

namespace Credit.Grains.Subjects;

public sealed partial class SubjectGrain
{
    private const string ExpiryReminder = "expiry";
    private const string RetryReminder = "retry";
    private bool? retryReminderRegistered;
    private bool settleExpiryAfterStore;
    private IGrainTimer? owedWorkTimer;
    private static readonly TimeSpan LongestReminderHop = TimeSpan.FromDays(40);
    private static readonly TimeSpan OwedWorkRetry = TimeSpan.FromSeconds(5);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Reminders only wake the grain; what to do is read from the stored dates and today's date.
        if (reminderName == RetryReminder)
            retryReminderRegistered = true;
        await ApplyTimeAsync(rescheduleExpiry: reminderName == ExpiryReminder);
        await DeliverOutboxAsync();
    }

    /// <summary>A durable reminder wakes the grain on the next day that time changes something (the day after an end date,
    /// the first day of a ban decided ahead), even across restarts. Returns whether
    /// the subject's state records a new registration. A reminder that wakes the grain early only finds nothing due and
    /// is set again; one that wakes it late, or not at all, leaves an ended listing published. So a reminder is set or
    /// moved earlier before the state that needs it is stored, and moved later or removed only once that state is
    /// stored (<see cref="SettleExpiryReminderAsync"/>): whichever write fails, the reminder is never late.</summary>
    private async Task<bool> ScheduleExpiryAsync(Subject subject, bool force = false)
    {
        settleExpiryAfterStore = false;
        var next = subject.NextTimeChange();
        var registered = subject.State.ExpiryReminderFor;
        if (next == registered && !force)
            return false;
        if (next is { } day && (registered is null || day < registered))
            await SetExpiryReminderAsync(next);
        else
            settleExpiryAfterStore = true;
        subject.State.ExpiryReminderFor = next;
        return true;
    }

    /// <summary>Once the state is stored: moves the reminder later or removes it, as the stored state needs. Should that
    /// fail, the reminder wakes the grain early, which sets it right.</summary>
    private async Task SettleExpiryReminderAsync()
    {
        if (!settleExpiryAfterStore)
            return;
        settleExpiryAfterStore = false;
        try
        {
            await SetExpiryReminderAsync(state.State.ExpiryReminderFor);
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Moving the expiry reminder of {Subject} failed; it wakes the subject early, which sets it right", Id);
        }
    }

    private async Task SetExpiryReminderAsync(DateOnly? next)
    {
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
    }

    /// <summary>Hands pending commands to other subjects (the persons who answer for an entity). Each carries
    /// its own idempotency key, so a delivery repeated after a crash changes nothing twice.</summary>
    private async Task DeliverOutboxAsync()
    {
        SendNameNotices();
        if (state.State.Outbox.Count == 0)
        {
            await KeepRetryingWhilePendingAsync();
            return;
        }
        // Decided on a copy like every change: if storing the shorter outbox fails, the activation still holds what
        // PostgreSQL holds, and the deliveries already made are repeated later, changing nothing twice.
        var working = state.State.Clone();
        var delivered = 0;
        foreach (var pending in state.State.Outbox.ToList())
        {
            try
            {
                var target = GrainFactory.GetGrain<ISubjectGrain>(pending.Target.Key);
                var result = pending.Restrict is { } restrict
                    ? await target.RestrictAsResponsiblePerson(restrict, pending.Context)
                    : await target.LiftResponsiblePersonRestriction(pending.Lift!, pending.Context);
                if (result.Refusal is { } refusal)
                    logger.LogError("Subject {Target} refused a delivery from {Subject}: {Field} {Rule}", pending.Target, Id, refusal.Field, refusal.Rule);
                working.Outbox.Remove(pending);
                delivered++;
            }
            catch (Exception error)
            {
                logger.LogWarning(error, "Delivery from {Subject} to {Target} failed; it will be retried", Id, pending.Target);
                break;
            }
        }
        if (delivered > 0)
            await StoreAsync(working);
        await KeepRetryingWhilePendingAsync();
    }

    /// <summary>A durable reminder retries, every minute, whatever this subject still owes others: deliveries to other
    /// subjects and the publication of its stored changes; and a timer every few seconds while the activation lives, so
    /// that the subject catches up by itself soon after the database is back. The reminder lives in the same PostgreSQL
    /// whose failure usually left the work owed: its registration's failure is thrown, so that a court's change that owes
    /// work without a durable retry is not acknowledged (the court's retry of it registers the reminder).</summary>
    private async Task KeepRetryingWhilePendingAsync()
    {
        var pending = state.State.Outbox.Count > 0 || state.State.NameNotices.Count > 0 || (state.State.Profile is not null && publishedVersion < state.State.Version);
        if (pending)
        {
            owedWorkTimer ??= this.RegisterGrainTimer(RetryOwedWorkAsync, new GrainTimerCreationOptions(OwedWorkRetry, OwedWorkRetry) { KeepAlive = true });
            if (retryReminderRegistered != true)
            {
                await this.RegisterOrUpdateReminder(RetryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
                retryReminderRegistered = true;
            }
            return;
        }
        owedWorkTimer?.Dispose();
        owedWorkTimer = null;
        if (retryReminderRegistered != true)
            return;
        try
        {
            if (await this.GetReminder(RetryReminder) is { } reminder)
                await this.UnregisterReminder(reminder);
            retryReminderRegistered = false;
        }
        catch (Exception error)
        {
            // A reminder left behind only wakes the subject to find nothing owed, and is removed then.
            logger.LogDebug(error, "Removing the retry reminder of {Subject} failed", Id);
        }
    }

    private async Task RetryOwedWorkAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PublishAsync();
            await DeliverOutboxAsync();
        }
        catch (Exception error)
        {
            logger.LogDebug(error, "Retrying the work {Subject} owes failed; trying again in {Seconds} s", Id, OwedWorkRetry.TotalSeconds);
        }
    }
}
