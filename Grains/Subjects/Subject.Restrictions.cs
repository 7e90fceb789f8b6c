using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Text;

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
        // Consumption rules Art. 5: the restriction is the court's written order (限制消费令), with its number and date.
        if (TextRules.Line(command.OrderNumber, "orderNumber", 100) is { } noOrder)
            return noOrder;
        if (command.OrderDate > Today)
            return Refuse.Invalid("orderDate", "must not be in the future");
        if (command.OrderDate.Year < command.CaseNumber.Year)
            return Refuse.Invalid("orderDate", $"must not be before the case number's year {command.CaseNumber.Year}");
        if (command.EffectiveFrom < command.OrderDate)
            return Refuse.Invalid("effectiveFrom", "consumption rules Art. 5: the restriction takes effect by the order; must not be before the order date");
        var persons = NamedPersons(command.ResponsiblePersons);
        if (ValidateResponsiblePersons(persons, "consumption rules Art. 3 ¶2: an entity's restriction names", command.EffectiveFrom) is { } badPersons)
            return badPersons;
        if (AgreesWithPersonRecords(persons) is { } otherName)
            return otherName;
        if (State.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.CaseNumber == command.CaseNumber && r.Basis == RestrictionBasis.Standalone))
            return Refuse.Conflict("caseNumber", "this subject is already consumption-restricted in this case");

        var restriction = NewRestriction(context, command.CaseNumber, command.EffectiveFrom, RestrictionBasis.Standalone) with
        {
            OrderNumber = command.OrderNumber.Trim(),
            OrderDate = command.OrderDate,
            ResponsiblePersons = persons,
        };
        AddRestriction(restriction, context,
            $"consumption rules Art. 1: missed the deadline in the execution notice; order {restriction.OrderNumber} of {restriction.OrderDate:yyyy-MM-dd} (Art. 5)",
            new FieldChange("orderNumber", null, restriction.OrderNumber), new FieldChange("orderDate", null, Text(restriction.OrderDate)));
        RecordNameCorrectedWith(restriction.Id, context);
        // Consumption rules Art. 3 ¶2: the persons who answer for a restricted entity are restricted personally.
        if (restriction.ResponsiblePersons is { } named)
        {
            foreach (var person in named)
                Restrict(person, EntityItem.Of(restriction), restriction.CaseNumber, restriction.EffectiveFrom, restriction.OrderNumber, restriction.OrderDate, context);
        }
        return Decision.Accept(restriction.Id);
    }

    /// <summary>Corrects a restriction imposed on its own order. Consumption rules Art. 3 ¶2: a change of the persons an entity's
    /// restriction names restricts each newly named person and frees each no longer named. List rules Art. 9 with consumption rules
    /// Art. 5: the order's number and date, recorded wrongly, are corrected under the rules they were recorded under, and the
    /// persons who stay named are told of the corrected order, which their own restrictions carry for the agencies.</summary>
    public Decision CorrectRestriction(CorrectRestriction command, CommandContext context)
    {
        if (State.Restrictions.Find(r => r.Id == command.RestrictionId) is not { } restriction)
            return Refuse.NotFound("restrictionId", "no consumption restriction with this id on this subject");
        if (OwnCase(restriction.Court, context, "restrictionId") is { } foreign)
            return foreign;
        if (restriction.Status != RestrictionStatus.Active)
            return Refuse.Conflict("restrictionId", "the restriction is lifted and can no longer be corrected");
        // A restriction kept after its listing's removal stands on its own, so its persons are corrected here.
        var listing = restriction.Basis == RestrictionBasis.Listing ? State.Listings.Find(l => l.Id == restriction.SourceListingId) : null;
        var kept = listing is { Status: not ListingStatus.Active };
        if (command.ResponsiblePersons is not null && (!Id.IsEntity || (restriction.Basis != RestrictionBasis.Standalone && !kept)))
            return Refuse.Conflict("restrictionId", Id.IsEntity
                ? "this restriction comes with the entity's listing; correct the listing's responsible persons instead"
                : "only an entity's restriction names responsible persons");
        var correctsOrder = command.OrderNumber is not null || command.OrderDate is not null;
        if (correctsOrder && restriction.Basis != RestrictionBasis.Standalone)
            return Refuse.Conflict("restrictionId", restriction.Basis == RestrictionBasis.Listing
                ? "consumption rules Art. 1: this restriction rests on its listing's decision, not on an order of its own; correct the listing's decisionNumber or decisionDate"
                : "consumption rules Art. 3 ¶2: this restriction follows the entity's; correct the order of the entity's restriction, which reaches this one");
        if (TextRules.Paragraph(command.Explanation, "explanation", 1000) is { } noReason)
            return noReason;
        var persons = command.ResponsiblePersons is null ? null : NamedPersons(command.ResponsiblePersons);
        if (command.ResponsiblePersons is not null
            && ValidateResponsiblePersons(persons, "consumption rules Art. 3 ¶2: an entity's restriction names", Today) is { } badPersons)
            return badPersons;
        if (correctsOrder && CorrectedOrder(restriction, command) is { } badOrder)
            return badOrder;
        if (AgreesWithPersonRecords(persons) is { } otherName)
            return otherName;

        var before = (kept ? restriction.ResponsiblePersons ?? listing!.ResponsiblePersons : restriction.ResponsiblePersons) ?? [];
        var corrected = restriction with
        {
            ResponsiblePersons = command.ResponsiblePersons is null ? restriction.ResponsiblePersons : persons,
            OrderNumber = command.OrderNumber?.Trim() ?? restriction.OrderNumber,
            OrderDate = command.OrderDate ?? restriction.OrderDate,
        };
        var fields = new List<FieldChange>();
        if (persons is not null && !before.SequenceEqual(persons))
            fields.Add(new FieldChange("responsiblePersons", Describe(before), Describe(persons)));
        Compare(fields, "orderNumber", restriction.OrderNumber, corrected.OrderNumber);
        Compare(fields, "orderDate", restriction.OrderDate, corrected.OrderDate);
        if (fields.Count == 0)
            return correctsOrder
                ? Refuse.Invalid("explanation", "the correction changes no field; send the fields to correct (responsiblePersons, orderNumber, orderDate)")
                : Refuse.Invalid("responsiblePersons", "the correction changes no one; send the persons the restriction names now");

        var explanation = command.Explanation.Trim();
        State.Restrictions[State.Restrictions.FindIndex(r => r.Id == restriction.Id)] = corrected;
        var what = (persons is not null, correctsOrder) switch
        {
            (true, true) => "correction of the responsible persons (consumption rules Art. 3 ¶2) and of the order (Art. 5, list rules Art. 9)",
            (true, false) => "correction of the responsible persons (consumption rules Art. 3 ¶2)",
            _ => $"correction of the order (consumption rules Art. 5, list rules Art. 9), now {corrected.OrderNumber} of {corrected.OrderDate:yyyy-MM-dd}",
        };
        Record(ChangeKind.RestrictionCorrected, restriction.Id, $"{what}: {explanation}", context, [.. fields]);
        // The persons of a kept restriction follow the listing it came with, as they did before the removal.
        var item = kept ? EntityItem.OfListing(listing!.Id) : EntityItem.Of(restriction);
        var (number, date) = kept ? (listing!.DecisionNumber, listing.DecisionDate) : (corrected.OrderNumber, corrected.OrderDate);
        var after = persons ?? before;
        Reassign(before, after, item, restriction.CaseNumber, restriction.EffectiveFrom, number, date, explanation, context);
        if (corrected.OrderNumber != restriction.OrderNumber || corrected.OrderDate != restriction.OrderDate)
            RetellDecision(before, after, item, restriction.CaseNumber, restriction.EffectiveFrom, number, date, context);
        return Decision.Accept(restriction.Id);
    }

    /// <summary>Consumption rules Art. 5: the order's number and date as they would be checked on imposing it.</summary>
    private Refusal? CorrectedOrder(ConsumptionRestriction restriction, CorrectRestriction command)
    {
        if (command.OrderNumber is not null && TextRules.Line(command.OrderNumber, "orderNumber", 100) is { } noOrder)
            return noOrder;
        if (command.OrderDate is not { } ordered)
            return null;
        if (ordered > Today)
            return Refuse.Invalid("orderDate", "must not be in the future");
        if (ordered.Year < restriction.CaseNumber.Year)
            return Refuse.Invalid("orderDate", $"must not be before the case number's year {restriction.CaseNumber.Year}");
        return ordered > restriction.EffectiveFrom
            ? Refuse.Invalid("orderDate", $"consumption rules Art. 5: the restriction takes effect by the order; must not be after the effective date {restriction.EffectiveFrom:yyyy-MM-dd}")
            : null;
    }

    /// <summary>Tells each person who stays named, under the same role, of the corrected decision or order their restriction
    /// rests on (a person newly named or under a new role is told by <see cref="Reassign"/>): their own restriction carries
    /// it, and the agencies read it there.</summary>
    private void RetellDecision(IReadOnlyList<ResponsiblePerson> before, IReadOnlyList<ResponsiblePerson> after, EntityItem item, CaseNumber caseNumber,
        DateOnly effectiveFrom, string? decisionNumber, DateOnly? decisionDate, CommandContext context)
    {
        foreach (var staying in after.Where(a => before.Any(b => b.Person == a.Person && b.Role == a.Role)))
            Restrict(staying, item, caseNumber, effectiveFrom, decisionNumber, decisionDate, context);
    }

    public Decision LiftRestriction(LiftRestriction command, CommandContext context)
    {
        if (State.Restrictions.Find(r => r.Id == command.RestrictionId) is not { } restriction)
            return Refuse.NotFound("restrictionId", "no consumption restriction with this id on this subject");
        if (OwnCase(restriction.Court, context, "restrictionId") is { } foreign)
            return foreign;
        if (restriction.Status != RestrictionStatus.Active)
            return Refuse.Conflict("restrictionId", "the restriction is already lifted");
        if (!Enum.IsDefined(command.Reason) || command.Reason is RestrictionLiftReason.ListingRemoved or RestrictionLiftReason.NoLongerResponsible)
            return Refuse.Invalid("reason", "must be ObligationPerformed, Guarantee, CreditorConsent (consumption rules Art. 9), WronglyImposed or EnforcementEnded");
        if (TextRules.Paragraph(command.Explanation, "explanation", 1000) is { } noReason)
            return noReason;
        // A listed debtor stays restricted while listed (consumption rules Art. 1), whatever the reason: a restriction that
        // came wrongly with its listing means the listing was wrong, and revoking that (WronglyListed) lifts both.
        if (restriction.Basis == RestrictionBasis.Listing && State.Listings.Exists(l => l.Id == restriction.SourceListingId && l.Status == ListingStatus.Active))
            return Refuse.Conflict("restrictionId", command.Reason == RestrictionLiftReason.WronglyImposed
                ? "consumption rules Art. 1: this restriction comes with an active listing; if the listing was wrong, remove it as WronglyListed (Art. 9), which lifts this"
                : "consumption rules Art. 1: this restriction comes with an active listing; remove the listing instead");
        // A performed debt or an ended enforcement ends the case's listing too (list rules Art. 10 ¶1); that removal lifts
        // this, and lifting this alone would leave a debtor listed for a debt recorded as paid.
        if (command.Reason is RestrictionLiftReason.ObligationPerformed or RestrictionLiftReason.EnforcementEnded
            && ActiveListingInCase(restriction.CaseNumber) is { } listed)
            return Refuse.Conflict("reason", $"list rules Art. 10 ¶1: the listing {listed.Id} of case {listed.CaseNumber} is still in force; " +
                "remove it for FullPerformance (or the ruling that ended enforcement), which lifts the case's restrictions and exit bans with it");
        if (command.Reason != RestrictionLiftReason.WronglyImposed && restriction.Basis == RestrictionBasis.ResponsiblePerson)
            return Refuse.Conflict("restrictionId", "consumption rules Art. 3 ¶2: this restriction follows the entity's; lift or remove the entity's, or correct its responsible persons, instead");

        EndRestriction(restriction, command.Reason, command.Explanation.Trim(), context);
        return Decision.Accept(restriction.Id);
    }

    /// <summary>Consumption rules Art. 3 ¶2, on the side of a person named by a restricted entity: restricted personally,
    /// as their own subject, in the entity's case. A repeated delivery finds the restriction already there.</summary>
    public Decision RestrictAsResponsiblePerson(RestrictAsResponsiblePerson command, CommandContext context)
    {
        if (Id.IsEntity)
            return Refuse.Invalid("responsiblePersons", "a person who answers for an entity is a natural person: resident ID, passport or permit");
        if (Id.ResidentId is { } resident && BornByToday(resident, "responsiblePersons") is { } unborn)
            return unborn;
        State.Profile ??= Id.ResidentId is { } id
            ? new SubjectProfile(Id, command.Name.Trim(), id.Sex, id.BirthDate)
            : new SubjectProfile(Id, command.Name.Trim(), command.Sex, command.BirthDate);
        // Named under another name than the one recorded (two courts naming the person at once): the person's name stands,
        // and the entity is told to carry it.
        if (State.Profile.Name != command.Name.Trim())
            OweNameNotice(command.Entity, context);
        if (State.Restrictions.Find(r => r.Status == RestrictionStatus.Active && Follows(r, command.Entity, command.ListingId, command.EntityRestrictionId)) is { } existing)
        {
            // The entity's name corrected: the person's record, and the agencies' holds of the person, name the entity as it is now.
            if (existing.RepresentedEntityName != command.EntityName)
            {
                State.Restrictions[State.Restrictions.FindIndex(r => r.Id == existing.Id)] = existing with { RepresentedEntityName = command.EntityName };
                Record(ChangeKind.RestrictionCorrected, existing.Id, $"Art. 9: the name of restricted entity {command.Entity} corrected", context,
                    new FieldChange("representedEntityName", existing.RepresentedEntityName, command.EntityName));
                existing = existing with { RepresentedEntityName = command.EntityName };
            }
            // Named again under another role, or told of a corrected decision or order, by the entity's correction: the
            // person's own record says what they now are and what their restriction rests on.
            var updated = existing with
            {
                Role = command.Role,
                OrderNumber = command.DecisionNumber ?? existing.OrderNumber,
                OrderDate = command.DecisionDate ?? existing.OrderDate,
            };
            var fields = new List<FieldChange>();
            Compare(fields, "role", existing.Role, updated.Role);
            Compare(fields, "orderNumber", existing.OrderNumber, updated.OrderNumber);
            Compare(fields, "orderDate", existing.OrderDate, updated.OrderDate);
            if (fields.Count > 0)
            {
                State.Restrictions[State.Restrictions.FindIndex(r => r.Id == existing.Id)] = updated;
                var reason = existing.Role != command.Role
                    ? $"consumption rules Art. 3 ¶2: now {command.Role} of restricted entity {command.Entity} ({command.EntityName})"
                    : $"consumption rules Art. 3 ¶2: the decision of restricted entity {command.Entity} ({command.EntityName}) was corrected (list rules Art. 9)";
                Record(ChangeKind.RestrictionCorrected, existing.Id, reason, context, [.. fields]);
            }
            return Decision.Accept(existing.Id);
        }

        var restriction = NewRestriction(context, command.CaseNumber, command.EffectiveFrom, RestrictionBasis.ResponsiblePerson) with
        {
            SourceListingId = command.ListingId,
            SourceRestrictionId = command.EntityRestrictionId,
            RepresentedEntity = command.Entity,
            RepresentedEntityName = command.EntityName,
            Role = command.Role,
            OrderNumber = command.DecisionNumber,
            OrderDate = command.DecisionDate,
        };
        AddRestriction(restriction, context, $"consumption rules Art. 3 ¶2: {command.Role} of restricted entity {command.Entity} ({command.EntityName})");
        return Decision.Accept(restriction.Id);
    }

    public Decision LiftResponsiblePersonRestriction(LiftResponsiblePersonRestriction command, CommandContext context)
    {
        var restriction = State.Restrictions.Find(r => r.Status == RestrictionStatus.Active && Follows(r, command.Entity, command.ListingId, command.EntityRestrictionId));
        if (restriction is null)
            return Decision.Accept(Guid.Empty);
        EndRestriction(restriction, command.Reason, command.Explanation, context);
        return Decision.Accept(restriction.Id);
    }

    /// <summary>Whether a person's restriction follows the entity's listing or the entity's own restriction.</summary>
    private static bool Follows(ConsumptionRestriction restriction, SubjectId entity, Guid? listingId, Guid? entityRestrictionId) =>
        restriction.RepresentedEntity == entity
        && (entityRestrictionId is { } own ? restriction.SourceRestrictionId == own : restriction.SourceListingId == listingId && restriction.SourceRestrictionId is null);

    private ConsumptionRestriction NewRestriction(CommandContext context, CaseNumber caseNumber, DateOnly effectiveFrom, RestrictionBasis basis) =>
        new(Guid.NewGuid(), context.Court, caseNumber, basis, effectiveFrom, RestrictionStatus.Active, null, null, null, null, null, null);

    private void AddRestriction(ConsumptionRestriction restriction, CommandContext context, string reason, params FieldChange[] fields)
    {
        State.Restrictions.Add(restriction);
        Record(ChangeKind.Restricted, restriction.Id, reason, context, fields);
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

        // The responsible persons' personal restrictions follow the entity's (consumption rules Art. 3 ¶2), whichever
        // way the entity's ends: removal, lifting after the listing expired, performance.
        var (persons, item) = restriction.Basis switch
        {
            RestrictionBasis.Listing => (restriction.ResponsiblePersons ?? State.Listings.Find(l => l.Id == restriction.SourceListingId)?.ResponsiblePersons,
                EntityItem.OfListing(restriction.SourceListingId)),
            RestrictionBasis.Standalone => (restriction.ResponsiblePersons, EntityItem.Of(restriction)),
            _ => (null, default),
        };
        foreach (var person in persons ?? [])
            Free(person, item, reason, $"the restriction of {Id} ended ({reason}): {explanation}", context);
    }

    /// <summary>After full performance, or a ruling that ends enforcement, nothing of the case may restrict the debtor.</summary>
    private void LiftEverythingInCase(CaseNumber caseNumber, RemovalReason reason, string explanation, CommandContext context)
    {
        var (restrictionReason, banReason) = reason.IsPerformance()
            ? (RestrictionLiftReason.ObligationPerformed, ExitBanLiftReason.FullPerformance)
            : (RestrictionLiftReason.EnforcementEnded, ExitBanLiftReason.EnforcementEnded);
        foreach (var restriction in State.Restrictions.Where(r => r.Status == RestrictionStatus.Active && r.CaseNumber == caseNumber && r.Basis == RestrictionBasis.Standalone).ToList())
            EndRestriction(restriction, restrictionReason, $"{reason}: {explanation}", context);
        foreach (var ban in State.ExitBans.Where(b => b.Status == ExitBanStatus.Active && b.CaseNumber == caseNumber).ToList())
            EndExitBan(ban, banReason, reason.ToString() == banReason.ToString() ? explanation : $"{reason}: {explanation}", context);
    }
}
