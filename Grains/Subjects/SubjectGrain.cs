using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Publication;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Credit.Grains.Subjects;

/// <summary>The Orleans shell around <see cref="Subject"/>: decide on a copy, store, publish, then answer.
/// A change is acknowledged only once PostgreSQL has committed it and the readers can see it.</summary>
public sealed partial class SubjectGrain(
    [PersistentState("subject", SubjectGrain.StorageName)] IPersistentState<SubjectState> state,
    TimeProvider clock,
    IOptions<SubjectRules> rules,
    ISubjectProjection projection,
    SubjectMetrics metrics,
    ILogger<SubjectGrain> logger) : Grain, ISubjectGrain, IRemindable
{
    public const string StorageName = "subjects";

    private SubjectId Id => SubjectId.Parse(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Nothing stored, nothing projected: the projection only ever writes versions of stored states. A subject's first
        // change then needs no read of its projected version (the projection reads it again under the subject's lock).
        if (!state.RecordExists)
            publishedVersion = 0;
        CountOutbox();
        try
        {
            await ApplyTimeAsync();
            await DeliverOutboxAsync();
        }
        catch
        {
            UncountOutbox();
            throw;
        }
    }

    public Task<ChangeResult> CreateListing(CreateListing command, CommandContext context) =>
        Execute(context, s => s.CreateListing(command, context), command.ResponsiblePersons);
    public Task<ChangeResult> CorrectListing(CorrectListing command, CommandContext context) =>
        Execute(context, s => s.CorrectListing(command, context), command.ResponsiblePersons);
    public Task<ChangeResult> ExtendListing(ExtendListing command, CommandContext context) => Execute(context, s => s.ExtendListing(command, context));
    public Task<ChangeResult> RemoveListing(RemoveListing command, CommandContext context) => Execute(context, s => s.RemoveListing(command, context));
    public Task<ChangeResult> ImposeRestriction(ImposeRestriction command, CommandContext context) =>
        Execute(context, s => s.ImposeRestriction(command, context), command.ResponsiblePersons);
    public Task<ChangeResult> LiftRestriction(LiftRestriction command, CommandContext context) => Execute(context, s => s.LiftRestriction(command, context));
    public Task<ChangeResult> CorrectRestriction(CorrectRestriction command, CommandContext context) =>
        Execute(context, s => s.CorrectRestriction(command, context), command.ResponsiblePersons);
    public Task<ChangeResult> RestrictAsResponsiblePerson(RestrictAsResponsiblePerson command, CommandContext context) =>
        Execute(context, s => s.RestrictAsResponsiblePerson(command, context));
    public Task<ChangeResult> LiftResponsiblePersonRestriction(LiftResponsiblePersonRestriction command, CommandContext context) =>
        Execute(context, s => s.LiftResponsiblePersonRestriction(command, context));
    public Task<ChangeResult> GrantTravelPermission(GrantTravelPermission command, CommandContext context) =>
        Execute(context, s => s.GrantTravelPermission(command, context));
    public Task<ChangeResult> ImposeExitBan(ImposeExitBan command, CommandContext context) => Execute(context, s => s.ImposeExitBan(command, context));
    public Task<ChangeResult> RenewExitBan(RenewExitBan command, CommandContext context) => Execute(context, s => s.RenewExitBan(command, context));
    public Task<ChangeResult> CorrectSubjectName(CorrectSubjectName command, CommandContext context) => Execute(context, s => s.CorrectName(command, context));
    public Task<ChangeResult> RecordObjectionStep(Interfaces.Objections.ObjectionHistoryStep step, CommandContext context) =>
        Execute(context, s => s.RecordObjectionStep(step, context));
    public Task<ChangeResult> LiftExitBan(LiftExitBan command, CommandContext context) => Execute(context, s => s.LiftExitBan(command, context));
    public Task<ChangeResult> CorrectExitBan(CorrectExitBan command, CommandContext context) => Execute(context, s => s.CorrectExitBan(command, context));

    public async Task<SubjectSnapshot?> GetSnapshot()
    {
        await ApplyTimeAsync();
        return state.State.ToSnapshot();
    }

    public Task<IReadOnlyList<ChangeRecord>> GetHistory() => Task.FromResult<IReadOnlyList<ChangeRecord>>([.. state.State.History]);

    /// <param name="naming">The responsible persons the change names, whose recorded profiles the decision needs.</param>
    private async Task<ChangeResult> Execute(CommandContext context, Func<Subject, Decision> decide, IEnumerable<ResponsiblePerson>? naming = null)
    {
        var working = state.State.Clone();
        var subject = new Subject(Id, working, clock, rules.Value);
        subject.ApplyTime();
        if (subject.TryReplay(context, out var earlier))
        {
            if (earlier.Refusal is { } reuse)
                return ChangeResult.Refused(reuse);
            // The first attempt may have been stored but not published, or not delivered; a retry finishes the job.
            var republished = await PublishAsync();
            await DeliverOutboxAsync();
            return new ChangeResult(null, state.State.ToSnapshot(), earlier.ItemId, Replayed: true, PublicationPending: !republished);
        }
        if (naming is not null)
            subject.PersonRecords = await PersonRecordsAsync(naming);
        var decision = decide(subject);
        if (decision.Refusal is { } refusal)
            return ChangeResult.Refused(refusal);

        subject.Remember(context, decision.ItemId);
        await ScheduleExpiryAsync(subject);
        await StoreAsync(working);
        await SettleExpiryReminderAsync();
        // Stored is stored: from here the court hears of the change even if its readers could not be told yet, with the
        // idempotency key that completes it, never an error that reads as "not changed".
        var published = await PublishAsync();
        await DeliverOutboxAsync();
        metrics.Acknowledged(context.Court);
        return new ChangeResult(null, state.State.ToSnapshot(), decision.ItemId, Replayed: false, PublicationPending: !published);
    }

    private async Task StoreAsync(SubjectState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored means not changed: keep answering from what PostgreSQL holds. Whether a write whose connection
            // broke was committed is not known, so the activation lets go and the next one reads what was stored.
            state.State = previous;
            DeactivateOnIdle();
            throw;
        }
        CountOutbox();
    }

    /// <summary>Stores what time has changed since the last change: listing terms and exit bans that ended, bans that began.</summary>
    private async Task ApplyTimeAsync(bool rescheduleExpiry = false)
    {
        if (state.State.Profile is null)
            return;
        var working = state.State.Clone();
        var subject = new Subject(Id, working, clock, rules.Value);
        var changed = subject.ApplyTime();
        if (await ScheduleExpiryAsync(subject, force: rescheduleExpiry) || changed)
        {
            await StoreAsync(working);
            await SettleExpiryReminderAsync();
        }
        await PublishAsync();
    }
}
