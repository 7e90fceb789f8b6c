using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Rules;

namespace Credit.Grains.Subjects;

public sealed partial class Subject
{
    public Decision ImposeRestriction(ImposeRestriction command, CommandContext context)
    {
        if (Identify(command.Subject) is { } unidentified)
            return unidentified;
        if (CaseOfThisCourt(command.CaseNumber, context) is { } foreign)
            return foreign;
        if (command.EffectiveFrom > Today)
            return Refuse.Invalid("effectiveFrom", "must not be in the future");
        if (command.EffectiveFrom.Year < command.CaseNumber.Year)
            return Refuse.Invalid("effectiveFrom", $"must not be before the case number's year {command.CaseNumber.Year}");
        if (State.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.CaseNumber == command.CaseNumber && r.Basis == RestrictionBasis.Standalone))
            return Refuse.Conflict("caseNumber", "this subject is already consumption-restricted in this case");

        var id = AddRestriction(context, command.CaseNumber, command.EffectiveFrom, RestrictionBasis.Standalone, null, null, null,
            "consumption rules Art. 1: missed the deadline in the execution notice");
        return Decision.Accept(id);
    }

    public Decision LiftRestriction(LiftRestriction command, CommandContext context)
    {
        if (State.Restrictions.Find(r => r.Id == command.RestrictionId) is not { } restriction)
            return Refuse.NotFound("restrictionId", "no consumption restriction with this id on this subject");
        if (OwnCase(restriction.Court, context, "restrictionId") is { } foreign)
            return foreign;
        if (restriction.Status != RestrictionStatus.Active)
            return Refuse.Conflict("restrictionId", "the restriction is already lifted");
        if (!Enum.IsDefined(command.Reason) || command.Reason == RestrictionLiftReason.ListingRemoved)
            return Refuse.Invalid("reason", "must be ObligationPerformed, Guarantee, CreditorConsent or WronglyImposed (consumption rules Art. 9)");
        if (TextRules.Paragraph(command.Explanation, "explanation", 1000) is { } noReason)
            return noReason;
        // A listed debtor stays restricted while listed (consumption rules Art. 1), unless the restriction was wrong.
        if (restriction.Basis != RestrictionBasis.Standalone && command.Reason != RestrictionLiftReason.WronglyImposed
            && restriction.SourceListingId is { } listingId && IsStillListed(restriction, listingId))
            return Refuse.Conflict("restrictionId", restriction.Basis == RestrictionBasis.Listing
                ? "consumption rules Art. 1: this restriction comes with an active listing; remove the listing instead"
                : "consumption rules Art. 3 para. 2: this restriction follows the entity's; lift or remove the entity's instead");

        EndRestriction(restriction, command.Reason, command.Explanation.Trim(), context);
        return Decision.Accept(restriction.Id);
    }

    public Decision RestrictAsLegalRepresentative(RestrictAsLegalRepresentative command, CommandContext context)
    {
        if (Id.Type != DocumentType.ResidentId)
            return Refuse.Invalid("legalRepresentative.residentId", "a legal representative is identified by a resident ID");
        if (State.Profile is null)
            State.Profile = new SubjectProfile(Id, command.Name.Trim(), Id.ResidentId!.Value.Sex, Id.ResidentId!.Value.BirthDate);
        var existing = State.Restrictions.Find(r => r.Status == RestrictionStatus.Active && r.SourceListingId == command.ListingId && r.RepresentedEntity == command.Entity);
        if (existing is not null)
            return Decision.Accept(existing.Id);
        var id = AddRestriction(context, command.CaseNumber, command.EffectiveFrom, RestrictionBasis.LegalRepresentative, command.ListingId, command.Entity,
            command.EntityName, $"consumption rules Art. 3 para. 2: legal representative of listed entity {command.Entity} ({command.EntityName})");
        return Decision.Accept(id);
    }

    public Decision LiftRepresentativeRestriction(LiftRepresentativeRestriction command, CommandContext context)
    {
        var restriction = State.Restrictions.Find(r => r.Status == RestrictionStatus.Active && r.SourceListingId == command.ListingId && r.RepresentedEntity == command.Entity);
        if (restriction is null)
            return Decision.Accept(Guid.Empty);
        EndRestriction(restriction, command.Reason, command.Explanation, context);
        return Decision.Accept(restriction.Id);
    }

    private bool IsStillListed(ConsumptionRestriction restriction, Guid listingId) =>
        restriction.Basis == RestrictionBasis.Listing
            ? State.Listings.Exists(l => l.Id == listingId && l.Status == ListingStatus.Active)
            : true; // the entity's grain tells us when the entity's listing ends

    private Guid AddRestriction(CommandContext context, CaseNumber caseNumber, DateOnly effectiveFrom, RestrictionBasis basis,
        Guid? sourceListingId, SubjectId? entity, string? entityName, string reason)
    {
        var restriction = new ConsumptionRestriction(Guid.NewGuid(), context.Court, caseNumber, basis, effectiveFrom,
            RestrictionStatus.Active, null, sourceListingId, entity, entityName);
        State.Restrictions.Add(restriction);
        Record(ChangeKind.Restricted, restriction.Id, reason, context);
        return restriction.Id;
    }

    private void EndRestriction(ConsumptionRestriction restriction, RestrictionLiftReason reason, string explanation, CommandContext context)
    {
        var index = State.Restrictions.FindIndex(r => r.Id == restriction.Id);
        State.Restrictions[index] = restriction with
        {
            Status = RestrictionStatus.Lifted,
            Lift = new RestrictionLift(reason, explanation, clock.GetUtcNow()),
        };
        Record(ChangeKind.RestrictionLifted, restriction.Id, $"{reason}: {explanation}", context);

        // The representative's personal restriction follows the entity's (consumption rules Art. 3 para. 2),
        // whichever way the entity's ends: removal, lifting after the listing expired, performance.
        if (restriction.Basis == RestrictionBasis.Listing
            && State.Listings.Find(l => l.Id == restriction.SourceListingId)?.LegalRepresentative is { } representative)
        {
            State.Outbox.Add(new PendingDelivery(SubjectId.For(representative.ResidentId), null,
                new LiftRepresentativeRestriction(Id, restriction.SourceListingId!.Value, reason, $"the restriction of {Id} ended ({reason}): {explanation}"),
                context with { IdempotencyKey = $"representative-lift:{Id}:{restriction.SourceListingId}", Fingerprint = "" }));
        }
    }

    /// <summary>After full performance (or the basis revoked) nothing of the case may restrict the debtor.</summary>
    private void LiftEverythingInCase(CaseNumber caseNumber, RemovalReason reason, string explanation, CommandContext context)
    {
        var (restrictionReason, banReason) = reason == RemovalReason.EnforcementBasisRevoked
            ? (RestrictionLiftReason.WronglyImposed, ExitBanLiftReason.WronglyImposed)
            : (RestrictionLiftReason.ObligationPerformed, ExitBanLiftReason.FullPerformance);
        foreach (var restriction in State.Restrictions.Where(r => r.Status == RestrictionStatus.Active && r.CaseNumber == caseNumber && r.Basis == RestrictionBasis.Standalone).ToList())
            EndRestriction(restriction, restrictionReason, $"{reason}: {explanation}", context);
        foreach (var ban in State.ExitBans.Where(b => b.Status == ExitBanStatus.Active && b.CaseNumber == caseNumber).ToList())
            EndExitBan(ban, banReason, $"{reason}: {explanation}", context);
    }
}
