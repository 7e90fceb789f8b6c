using Credit.Grains.BulkJobs;
using Credit.Grains.Interfaces.BulkJobs;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Subjects;

public sealed partial class SubjectGrain
{
    /// <summary>Decides the rows one after another on one working copy, as their single changes would be decided one after
    /// another, then stores and publishes once for them all: one state write and one projection instead of one per row. A
    /// refused row leaves the copy as it was before it; a row whose key was used before is answered as it was then. Nothing
    /// is acknowledged before the store, and a failed store fails every row (the job tries them again under their keys).</summary>
    public async Task<IReadOnlyList<ChangeResult>> ApplyBulkRows(IReadOnlyList<BulkRow> rows)
    {
        var working = state.State.Clone();
        var personRecords = await PersonRecordsAsync(rows.SelectMany(r => r.Command.CreateListing?.ResponsiblePersons
            ?? r.Command.ImposeRestriction?.ResponsiblePersons ?? r.Command.CorrectListing?.ResponsiblePersons ?? []));
        var subject = new Subject(Id, working, clock, rules.Value) { PersonRecords = personRecords };
        subject.ApplyTime();
        var refusals = new Refusal?[rows.Count];
        var items = new Guid[rows.Count];
        var replayed = new bool[rows.Count];
        var accepted = 0;
        var made = new Dictionary<(BulkAction, CaseNumber), Guid>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (command, context) = rows[i];
            if (subject.TryReplay(context, out var earlier) && BulkRowApplication.IsReplay(working, command, earlier, made))
            {
                (refusals[i], items[i], replayed[i]) = (earlier.Refusal, earlier.ItemId, earlier.Refusal is null);
                if (earlier.Refusal is null && BulkRowApplication.Made(command) is { } replayedItem)
                    made[replayedItem] = earlier.ItemId;
                continue;
            }
            var before = working.Clone();
            var decision = BulkRowApplication.Decide(subject, command, context);
            if (decision.Refusal is { } refusal)
            {
                // A single change decides on a copy that a refusal throws away; here the next row goes on from the copy before it.
                refusals[i] = refusal;
                working = before;
                subject = new Subject(Id, working, clock, rules.Value) { PersonRecords = personRecords };
                continue;
            }
            subject.Remember(context, decision.ItemId);
            items[i] = decision.ItemId;
            if (BulkRowApplication.Made(command) is { } madeItem)
                made[madeItem] = decision.ItemId;
            accepted++;
        }

        if (accepted > 0)
        {
            await ScheduleExpiryAsync(subject);
            await StoreAsync(working);
            await SettleExpiryReminderAsync();
        }
        // As a single change: stored is stored, and a replayed row's first attempt may have been stored but not published.
        var published = accepted > 0 || replayed.Contains(true) ? await PublishAsync() : true;
        await DeliverOutboxAsync();
        var snapshot = state.State.ToSnapshot();
        var results = new ChangeResult[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (refusals[i] is { } refusal)
            {
                results[i] = ChangeResult.Refused(refusal);
                continue;
            }
            if (!replayed[i])
                metrics.Acknowledged(rows[i].Context.Court);
            var earlierSubmission = replayed[i] && !MadeUnder(rows[i].Context.Actor, items[i]);
            results[i] = new ChangeResult(null, snapshot, items[i], earlierSubmission, PublicationPending: !published);
        }
        // A job touches most of its subjects once. Kept for the default quarter of an hour, the activations of a large file
        // (200,000 of them) all survived into the oldest generation, and every collection moved them there.
        if (published)
            DeactivateOnIdle();
        return results;
    }

    /// <summary>Whether the history records a change of the item by this actor, which names the bulk job: a row this same job
    /// applied before a restart or an attempt whose answer came too late is its own work (Accepted), not the work of an earlier
    /// submission (AlreadyApplied), which is what a clerk reads that answer as.</summary>
    private bool MadeUnder(string actor, Guid item) =>
        state.State.History.Exists(record => record.ItemId == item && string.Equals(record.Actor, actor, StringComparison.Ordinal));
}
