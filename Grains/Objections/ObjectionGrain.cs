using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Objections;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Time;
using Credit.Grains.Subjects;
using Microsoft.Extensions.Logging;

namespace Credit.Grains.Objections;

/// <summary>The Orleans shell around <see cref="Objection"/>: decide on a copy, store, then hand each new step to the
/// subject's history and the objection to the courts' queue. A step is stored before it is handed on, and handed on again
/// (under a key the subject recognises) after a failure or a crash, on the next call or activation.</summary>
public sealed class ObjectionGrain(
    [PersistentState("objection", SubjectGrain.StorageName)] IPersistentState<ObjectionState> state,
    TimeProvider clock,
    IWorkingDayCalendarSource calendar,
    IObjectionProjection projection,
    ILogger<ObjectionGrain> logger) : Grain, IObjectionGrain
{
    public const string KeyPrefix = "objection:";

    private string Receipt => this.GetPrimaryKeyString()[KeyPrefix.Length..];

    public override Task OnActivateAsync(CancellationToken cancellationToken) => CatchUpAsync();

    public async Task<ObjectionResult> File(FileObjection command)
    {
        if (state.State.Objection is not null)
            return ObjectionResult.Refused(Refuse.Conflict("receipt", "an objection with this receipt number was already filed"));
        var subject = await GrainFactory.GetGrain<ISubjectGrain>(command.Subject.Key).GetSnapshot();
        return await ExecuteAsync(o => o.File(command, subject));
    }

    public Task<ObjectionResult> Decide(DecideObjection command, ObjectionActor actor) => ExecuteAsync(o => o.Decide(command, actor));

    public Task<ObjectionResult> RequestReconsideration(RequestReconsideration command) => ExecuteAsync(o => o.RequestReconsideration(command));

    public Task<ObjectionResult> DecideReconsideration(DecideObjection command, ObjectionActor actor) => ExecuteAsync(o => o.DecideReconsideration(command, actor));

    public Task<ObjectionResult> Revoke(string explanation, CommandContext context) =>
        RemedyAsync(ObjectionRemedy.Revoke, context, (subject, listingId) =>
            subject.RemoveListing(new RemoveListing(listingId, RemovalReason.ObjectionUpheld, explanation, KeepConsumptionRestriction: false), context));

    public Task<ObjectionResult> Correct(CorrectListing command, CommandContext context) =>
        RemedyAsync(ObjectionRemedy.Correct, context, (subject, listingId) => subject.CorrectListing(command with { ListingId = listingId }, context));

    public async Task<ObjectionView?> Get()
    {
        await CatchUpAsync();
        return state.State.Objection;
    }

    private async Task<ObjectionResult> ExecuteAsync(Func<Objection, Refusal?> decide)
    {
        var working = state.State.Clone();
        var objection = new Objection(Receipt, working, clock, calendar.Current);
        if (decide(objection) is { } refusal)
            return ObjectionResult.Refused(refusal);
        await StoreAsync(working);
        await CatchUpAsync();
        return new ObjectionResult(null, state.State.Objection);
    }

    /// <summary>Corrects or revokes the listing through its subject, as the court that may do so, then records it. A retry
    /// after a failure in between finds the objection still upheld, and the subject answers the same key as already done.</summary>
    private async Task<ObjectionResult> RemedyAsync(ObjectionRemedy remedy, CommandContext context, Func<ISubjectGrain, Guid, Task<ChangeResult>> change)
    {
        var working = state.State.Clone();
        var objection = new Objection(Receipt, working, clock, calendar.Current);
        if (objection.MayRemedy(remedy, context.Court) is { } refusal)
            return ObjectionResult.Refused(refusal);
        // The subject must hold the decision or order (the only thing that lets a higher court change the listing) first.
        await DeliverStepsAsync();
        var view = working.Objection!;
        var result = await change(GrainFactory.GetGrain<ISubjectGrain>(view.Subject.Key), view.ListingId);
        if (result.Refusal is { } refused)
            return ObjectionResult.Refused(refused);
        objection.Remedied(remedy, context.Court, context.Actor);
        working.StepsInSubjectHistory = state.State.StepsInSubjectHistory;
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
    /// logged and retried by the next call or activation; the stored objection is what counts.</summary>
    private async Task CatchUpAsync()
    {
        if (state.State.Objection is not { } view)
            return;
        try
        {
            await DeliverStepsAsync();
            await projection.ProjectAsync(view);
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Objection {Receipt}: handing on its steps failed; the next call or activation retries", Receipt);
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
