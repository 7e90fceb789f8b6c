using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Objections;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Subjects;

public sealed partial class Subject
{
    /// <summary>Arts. 11–12: every step of an objection to one of the subject's listings enters its history. A decision to
    /// correct or revoke (the enforcing court's on review, the next-higher court's on reconsideration) is kept as an order,
    /// which lets the court that made it carry it out once, even in another court's case.</summary>
    public Decision RecordObjectionStep(ObjectionHistoryStep record, CommandContext context)
    {
        var listing = State.Listings.Find(l => l.Id == record.ListingId);
        if (listing is null)
            return Refuse.NotFound("listingId", "no listing with this id on this subject");
        var step = record.Step;
        var kind = step.Kind switch
        {
            ObjectionStepKind.Filed => ChangeKind.ObjectionFiled,
            ObjectionStepKind.Upheld => ChangeKind.ObjectionUpheld,
            ObjectionStepKind.Rejected => ChangeKind.ObjectionRejected,
            ObjectionStepKind.ReconsiderationRequested => ChangeKind.ReconsiderationRequested,
            ObjectionStepKind.CorrectionOrdered => ChangeKind.ObjectionCorrectionOrdered,
            ObjectionStepKind.ReconsiderationRejected => ChangeKind.ReconsiderationRejected,
            ObjectionStepKind.Moot => ChangeKind.ObjectionMoot,
            _ => ChangeKind.ObjectionRemedied,
        };
        if ((step.Kind is ObjectionStepKind.Upheld or ObjectionStepKind.CorrectionOrdered) && step.Remedy is { } remedy && step.Court is { } court)
            State.ObjectionOrders.Add(new ObjectionOrder(record.Receipt, listing.Id, court, remedy, Executed: false));
        // A moot objection's order has nothing left to carry out: it no longer lets its court into another court's case.
        if (step.Kind == ObjectionStepKind.Moot)
            State.ObjectionOrders.RemoveAll(o => o.Receipt == record.Receipt && !o.Executed);
        // Every court reads the history; the receipt would let any of them follow the objection, so it is named by its reference.
        Record(kind, listing.Id, $"objection ref {ObjectionReference.Of(record.Receipt)}: {step.Text}", context);
        return Decision.Accept(listing.Id);
    }

    /// <summary>The court may change the listing: its own case, or an order of its own on an objection not yet carried out
    /// (Art. 12: the next-higher court may carry out the correction or revocation it ordered). Nothing else crosses courts.</summary>
    private bool ActsUnderOrder(Guid listingId, ObjectionRemedy remedy, CourtCode court) =>
        State.ObjectionOrders.Exists(o => o.ListingId == listingId && o.Remedy == remedy && o.OrderedBy == court && !o.Executed);

    /// <summary>A correction or revocation carries out every open order of that kind on the listing.</summary>
    private void CarryOutOrders(Guid listingId, ObjectionRemedy remedy)
    {
        for (var i = 0; i < State.ObjectionOrders.Count; i++)
        {
            if (State.ObjectionOrders[i] is { Executed: false } order && order.ListingId == listingId && order.Remedy == remedy)
                State.ObjectionOrders[i] = order with { Executed = true };
        }
    }
}
