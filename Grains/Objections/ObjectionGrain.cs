using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Objections;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Time;
using Credit.Grains.Subjects;
using Microsoft.Extensions.Logging;

namespace Credit.Grains.Objections;

/// <summary>The Orleans shell around <see cref="Objection"/>: decide on a copy, store, then hand each new step to the
/// subject's history and the objection to the courts' queue. A step is stored before it is handed on, and handed on again
/// (under a key the subject recognises) until it is recorded: by a timer while the activation lives, and by a durable
/// reminder, registered before the step is stored, that wakes the objection after a crash or a restart.</summary>
public sealed class ObjectionGrain(
    [PersistentState("objection", SubjectGrain.StorageName)] IPersistentState<ObjectionState> state,
    TimeProvider clock,
    IWorkingDayCalendarSource calendar,
    IObjectionProjection projection,
    IPlatformCourts courts,
    ILogger<ObjectionGrain> logger) : Grain, IObjectionGrain, IRemindable
{
    public const string KeyPrefix = "objection:";

    /// <summary>An objection takes a handful of steps; every key it was given is remembered, up to this many.</summary>
    private const int RememberedKeys = 100;

    /// <summary>The applicant's steps (filing, asking for reconsideration) are a scope of their own beside the courts' keys.</summary>
    private const string ApplicantScope = "public";

    private const string RetryReminder = "objection-steps";
    private static readonly TimeSpan StepRetry = TimeSpan.FromSeconds(5);

    /// <summary>Whether the retry reminder is registered: null until known in this activation.</summary>
    private bool? retryReminderRegistered;
    private IGrainTimer? stepRetryTimer;
    /// <summary>The version of the objection the queue was last given by this activation; an activation writes it again.</summary>
    private long projectedVersion = -1;

    private string Receipt => this.GetPrimaryKeyString()[KeyPrefix.Length..];

    public override Task OnActivateAsync(CancellationToken cancellationToken) => CatchUpAsync();

    public async Task<ObjectionResult> File(FileObjection command, string idempotencyKey, string fingerprint)
    {
        var key = $"{ApplicantScope}|{idempotencyKey}";
        if (await ReplayAsync(key, fingerprint) is { } replayed)
            return replayed;
        if (state.State.Objection is not null)
            return ObjectionResult.Refused(Refuse.Conflict("receipt", "an objection with this receipt number was already filed"));
        var subject = await GrainFactory.GetGrain<ISubjectGrain>(command.Subject.Key).GetSnapshot();
        return await ExecuteAsync(key, fingerprint, o => o.File(command, subject));
    }

    public async Task<ObjectionResult> Decide(DecideObjection command, CommandContext context)
    {
        if (await ReplayAsync(IdempotencyKeys.Scoped(context), context.Fingerprint) is { } replayed)
            return replayed;
        await SettleIfListingEndedAsync();
        var higherOnPlatform = await HigherCourtOnPlatformAsync();
        return await ExecuteAsync(IdempotencyKeys.Scoped(context), context.Fingerprint, o => o.Decide(command, Actor(context), higherOnPlatform));
    }

    public async Task<ObjectionResult> RequestReconsideration(RequestReconsideration command, string idempotencyKey, string fingerprint)
    {
        if (await ReplayAsync($"{ApplicantScope}|{idempotencyKey}", fingerprint) is { } replayed)
            return replayed;
        await SettleIfListingEndedAsync();
        var listing = await ListingAsync();
        var higherOnPlatform = await HigherCourtOnPlatformAsync();
        return await ExecuteAsync($"{ApplicantScope}|{idempotencyKey}", fingerprint, o => o.RequestReconsideration(command, listing, higherOnPlatform));
    }

    public async Task<ObjectionResult> DecideReconsideration(DecideObjection command, CommandContext context)
    {
        if (await ReplayAsync(IdempotencyKeys.Scoped(context), context.Fingerprint) is { } replayed)
            return replayed;
        await SettleIfListingEndedAsync();
        return await ExecuteAsync(IdempotencyKeys.Scoped(context), context.Fingerprint, o => o.DecideReconsideration(command, Actor(context)));
    }

    public Task<ObjectionResult> Revoke(string explanation, CommandContext context) =>
        RemedyAsync(ObjectionRemedy.Revoke, context, (subject, listingId) =>
            subject.RemoveListing(new RemoveListing(listingId, RemovalReason.ObjectionUpheld, explanation, KeepConsumptionRestriction: false), context));

    public Task<ObjectionResult> Correct(CorrectListing command, CommandContext context) =>
        RemedyAsync(ObjectionRemedy.Correct, context, (subject, listingId) => subject.CorrectListing(command with { ListingId = listingId }, context));

    public async Task<ObjectionView?> Get()
    {
        await CatchUpAsync();
        try
        {
            await SettleIfListingEndedAsync();
        }
        catch (Exception error)
        {
            // Reading must not fail for it: the next read or step settles it.
            logger.LogWarning(error, "Objection {Receipt}: closing it for its listing's end failed", Receipt);
        }
        return state.State.Objection;
    }

    private async Task<bool> HigherCourtOnPlatformAsync() =>
        state.State.Objection?.EnforcingCourt.NextHigher is { } higher && await courts.IsOnPlatformAsync(higher);

    /// <summary>The listing objected to, as its subject now holds it; null before the filing.</summary>
    private async Task<Listing?> ListingAsync() => state.State.Objection is { } view
        ? (await GrainFactory.GetGrain<ISubjectGrain>(view.Subject.Key).GetSnapshot())?.Listings.FirstOrDefault(l => l.Id == view.ListingId)
        : null;

    /// <summary>An open (or still reconsiderable rejected) objection whose listing ended another way is closed as moot (<see cref="Objection.SettleIfListingEnded"/>)
    /// before anything else is done with it, and whenever it is read.</summary>
    private async Task SettleIfListingEndedAsync()
    {
        if (state.State.Objection is not { } view || !view.Status.MayBecomeMoot())
            return;
        var listing = await ListingAsync();
        var working = state.State.Clone();
        if (!new Objection(Receipt, working, clock, calendar.Current).SettleIfListingEnded(listing))
            return;
        await RegisterRetryReminderAsync();
        await StoreAsync(working);
        await CatchUpAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == RetryReminder)
            retryReminderRegistered = true;
        return CatchUpAsync();
    }

    private static ObjectionActor Actor(CommandContext context) => new(context.Court, context.Actor);

    /// <summary>A step retried under the key it was taken with answers the objection as it now is (as a court's retried change
    /// answers the item as it now is), and finishes handing it on; the key reused for another request is refused.</summary>
    private async Task<ObjectionResult?> ReplayAsync(string scopedKey, string fingerprint)
    {
        if (!IdempotencyKeys.TryReplay(state.State.ProcessedCommands, scopedKey, fingerprint, out var earlier))
            return null;
        if (earlier.Refusal is { } reused)
            return ObjectionResult.Refused(reused);
        await CatchUpAsync();
        return new ObjectionResult(null, state.State.Objection);
    }

    private async Task<ObjectionResult> ExecuteAsync(string scopedKey, string fingerprint, Func<Objection, Refusal?> decide)
    {
        var working = state.State.Clone();
        var objection = new Objection(Receipt, working, clock, calendar.Current);
        if (decide(objection) is { } refusal)
            return ObjectionResult.Refused(refusal);
        IdempotencyKeys.Remember(working.ProcessedCommands, scopedKey, fingerprint, Guid.Empty, RememberedKeys);
        await RegisterRetryReminderAsync();
        await StoreAsync(working);
        await CatchUpAsync();
        return new ObjectionResult(null, state.State.Objection);
    }

    /// <summary>Corrects or revokes the listing through its subject, as the court that may do so, then records it. A retry
    /// after a failure in between finds the objection still upheld, and the subject answers the same key as already done;
    /// a retry after it was recorded is answered from the key the objection remembers.</summary>
    private async Task<ObjectionResult> RemedyAsync(ObjectionRemedy remedy, CommandContext context, Func<ISubjectGrain, Guid, Task<ChangeResult>> change)
    {
        if (await ReplayAsync(IdempotencyKeys.Scoped(context), context.Fingerprint) is { } replayed)
            return replayed;
        var working = state.State.Clone();
        var objection = new Objection(Receipt, working, clock, calendar.Current);
        if (objection.MayRemedy(remedy, context.Court) is { } refusal)
            return ObjectionResult.Refused(refusal);
        // The subject must hold the decision or order (the only thing that lets a higher court change the listing) first.
        await DeliverStepsAsync();
        var view = working.Objection!;
        var result = await change(GrainFactory.GetGrain<ISubjectGrain>(view.Subject.Key), view.ListingId);
        // A listing that already left the list (removed another way, revoked on another objection) cannot take the remedy; the
        // objection is then settled as moot, which is this court's step done, rather than left upheld and overdue for good.
        if (result.Refusal is { } refused && !objection.SettleIfListingEnded(await ListingAsync()))
            return ObjectionResult.Refused(refused);
        if (result.Refusal is null)
            objection.Remedied(remedy, context.Court, context.Actor);
        IdempotencyKeys.Remember(working.ProcessedCommands, IdempotencyKeys.Scoped(context), context.Fingerprint, Guid.Empty, RememberedKeys);
        working.StepsInSubjectHistory = state.State.StepsInSubjectHistory;
        await RegisterRetryReminderAsync();
        await StoreAsync(working);
        await CatchUpAsync();
        return new ObjectionResult(null, state.State.Objection);
    }

    private async Task StoreAsync(ObjectionState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Hands the steps not yet in the subject's history to the subject, and the objection to the queue. A failure is
    /// logged and retried by the timer and the reminder; the stored objection is what counts.</summary>
    private async Task CatchUpAsync()
    {
        if (state.State.Objection is not { } view)
        {
            // A reminder registered for a step that was then not stored is removed here.
            await KeepRetryingWhileOwedAsync();
            return;
        }
        try
        {
            await DeliverStepsAsync();
            if (projectedVersion < view.Version)
            {
                await projection.ProjectAsync(view);
                projectedVersion = view.Version;
            }
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Objection {Receipt}: handing on its steps failed; retried in {Seconds} s and by its reminder", Receipt,
                StepRetry.TotalSeconds);
        }
        await KeepRetryingWhileOwedAsync();
    }

    private bool Owed => state.State.Objection is { } view && (state.State.StepsInSubjectHistory < view.Steps.Count || projectedVersion < view.Version);

    /// <summary>Registered before a step is stored, so that no stored step is ever without a durable retry: a failure to
    /// register refuses the step (nothing stored), and the court's retry takes it.</summary>
    private async Task RegisterRetryReminderAsync()
    {
        if (retryReminderRegistered == true)
            return;
        await this.RegisterOrUpdateReminder(RetryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        retryReminderRegistered = true;
    }

    private async Task KeepRetryingWhileOwedAsync()
    {
        if (Owed)
        {
            stepRetryTimer ??= this.RegisterGrainTimer(_ => CatchUpAsync(), new GrainTimerCreationOptions(StepRetry, StepRetry) { KeepAlive = true });
            if (retryReminderRegistered == true)
                return;
            try
            {
                await RegisterRetryReminderAsync();
            }
            catch (Exception error)
            {
                // Owed from before this activation (which a reminder or a call started); the timer keeps trying meanwhile.
                logger.LogWarning(error, "Objection {Receipt}: registering its retry reminder failed", Receipt);
            }
            return;
        }
        stepRetryTimer?.Dispose();
        stepRetryTimer = null;
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
            // A reminder left behind only wakes the objection to find nothing owed, and is removed then.
            logger.LogDebug(error, "Objection {Receipt}: removing its retry reminder failed", Receipt);
        }
    }

    private async Task DeliverStepsAsync()
    {
        while (state.State.Objection is { } view && state.State.StepsInSubjectHistory < view.Steps.Count)
        {
            var step = view.Steps[state.State.StepsInSubjectHistory];
            var context = new CommandContext(step.Court ?? view.EnforcingCourt, step.Actor, $"objection:{view.Receipt}:{step.Number}", "objection-step");
            var result = await GrainFactory.GetGrain<ISubjectGrain>(view.Subject.Key)
                .RecordObjectionStep(new ObjectionHistoryStep(view.Receipt, view.ListingId, step), context);
            if (result.Refusal is { } refusal)
                logger.LogWarning("Objection {Receipt}: the subject refused step {Step} for its history: {Rule}", Receipt, step.Number, refusal.Rule);
            var next = state.State.Clone();
            next.StepsInSubjectHistory++;
            await StoreAsync(next);
        }
    }
}
