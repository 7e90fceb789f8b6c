using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Objections;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Text;
using Credit.Grains.Interfaces.Time;

namespace Credit.Grains.Subjects;

public sealed partial class Subject
{
    /// <summary>Art. 2: grounds 2–6 run 2 years from publication, extendable by at most 3 years in all.</summary>
    public const int FixedTermYears = 2;
    public const int MaximumExtensionYears = 3;

    /// <summary>Art. 10 ¶4: after a deletion at the creditor's request, the creditor's application to list the debtor
    /// again in the case is refused for 6 months.</summary>
    public const int CreditorRelistingBarMonths = 6;

    public Decision CreateListing(CreateListing command, CommandContext context)
    {
        if (Identify(command.Subject) is { } unidentified)
            return unidentified;
        if (CaseOfThisCourt(command.CaseNumber, context) is { } foreign)
            return foreign;
        var listing = new Listing(Guid.NewGuid(), context.Court, command.CaseNumber, Trimmed(command.EnforcementBasis), command.Obligation?.Trim() ?? "",
            command.AmountOwed, command.Performance, Trimmed(command.Grounds), command.FilingDate, command.PublicationDate,
            PeriodEnd(command.Grounds, command.PublicationDate, 0), 0, NamedPersons(command.ResponsiblePersons), ListingStatus.Active, null,
            command.DecisionNumber?.Trim() ?? "", command.DecisionDate, command.Initiative);
        if (ValidateListing(listing) is { } invalid)
            return invalid;
        if (AgreesWithPersonRecords(listing.ResponsiblePersons) is { } otherName)
            return otherName;
        if (ActiveListingInCase(command.CaseNumber) is not null)
            return Refuse.Conflict("caseNumber", "this subject already has an active listing in this case; correct or extend it instead");
        // Art. 10 ¶2: a fixed term that has run out ends the listing; one whose term is over before it is entered is never in force.
        if (listing.PeriodEnd is { } end && end < Today)
            return Refuse.Invalid("publicationDate", $"Art. 2: the fixed term from this publication date ended on {end:yyyy-MM-dd}; a listing whose term has already ended is not entered (Art. 10 ¶2)");
        if (RelistingAfterCreditorRequest(listing) is { } barred)
            return barred;

        State.Listings.Add(listing);
        Record(ChangeKind.Listed, listing.Id,
            $"Art. 1 grounds {string.Join(", ", listing.Grounds.Select(g => (int)g.Ground))}; Art. 5 decision {listing.DecisionNumber} of {listing.DecisionDate:yyyy-MM-dd}, {InitiativeText(listing.Initiative!.Value)}",
            context, new FieldChange("decisionNumber", null, listing.DecisionNumber), new FieldChange("decisionDate", null, Text(listing.DecisionDate)),
            new FieldChange("initiative", null, Text(listing.Initiative)));

        // Consumption rules Art. 1: every listed debtor is also consumption-restricted.
        AddRestriction(NewRestriction(context, listing.CaseNumber, listing.PublicationDate, RestrictionBasis.Listing) with { SourceListingId = listing.Id },
            context, "consumption rules Art. 1: comes with the dishonest-debtor listing");
        RecordNameCorrectedWith(listing.Id, context);

        // Consumption rules Art. 3 ¶2: the persons who answer for an entity are restricted personally, as their own
        // subjects, but are not listed for the entity's debt (2019 SPC opinion).
        foreach (var person in listing.ResponsiblePersons ?? [])
            Restrict(person, EntityItem.OfListing(listing.Id), listing.CaseNumber, listing.PublicationDate, listing.DecisionNumber, listing.DecisionDate, context);
        return Decision.Accept(listing.Id);
    }

    /// <summary>Art. 10 ¶3–4: within 6 months of a deletion at the creditor's request, the creditor cannot have the debtor
    /// listed again in the same case; the court may list of its own motion, for dishonest behaviour that is new.</summary>
    private Refusal? RelistingAfterCreditorRequest(Listing listing)
    {
        var deleted = State.Listings
            .Where(l => l.CaseNumber == listing.CaseNumber && l.Status == ListingStatus.Removed && l.End?.Reason == RemovalReason.CreditorRequest)
            .Select(l => (Listing: l, BarredThrough: ChinaTime.DateOf(l.End!.At).AddMonths(CreditorRelistingBarMonths)))
            .Where(d => Today <= d.BarredThrough)
            .OrderByDescending(d => d.BarredThrough)
            .FirstOrDefault();
        if (deleted.Listing is null)
            return null;
        if (listing.Initiative == ListingInitiative.CreditorApplication)
            return Refuse.Conflict("initiative", $"Art. 10 ¶4: the listing in this case was deleted at the creditor's request on {ChinaTime.DateOf(deleted.Listing.End!.At):yyyy-MM-dd}; " +
                $"the creditor's application to list the debtor again is refused through {deleted.BarredThrough:yyyy-MM-dd}. The court may list of its own motion for new dishonest behaviour (Art. 10 ¶3)");
        if (listing.Grounds.All(deleted.Listing.Grounds.Contains))
            return Refuse.Conflict("grounds", "Art. 10 ¶3: within 6 months of a deletion at the creditor's request the court lists again only for new dishonest behaviour; " +
                "every ground and behaviour given is that of the deleted listing");
        return null;
    }

    public Decision CorrectListing(CorrectListing command, CommandContext context)
    {
        if (ActiveListingOfThisCourt(command.ListingId, context, "can no longer be corrected", out var listing, ObjectionRemedy.Correct) is { } unavailable)
            return unavailable;
        if (TextRules.Paragraph(command.Explanation, "explanation", 1000) is { } noReason)
            return noReason;
        if (!Id.IsEntity && command.ResponsiblePersons is not null)
            return Refuse.Invalid("responsiblePersons", "only an entity names responsible persons; a person answers for their own debt");

        var corrected = listing with
        {
            EnforcementBasis = command.EnforcementBasis is null ? listing.EnforcementBasis : Trimmed(command.EnforcementBasis),
            Obligation = command.Obligation is null ? listing.Obligation : command.Obligation.Trim(),
            AmountOwed = command.AmountOwed ?? listing.AmountOwed,
            Performance = command.Performance ?? listing.Performance,
            Grounds = command.Grounds is null ? listing.Grounds : Trimmed(command.Grounds),
            FilingDate = command.FilingDate ?? listing.FilingDate,
            PublicationDate = command.PublicationDate ?? listing.PublicationDate,
            ResponsiblePersons = command.ResponsiblePersons is null ? listing.ResponsiblePersons : NamedPersons(command.ResponsiblePersons),
            DecisionNumber = command.DecisionNumber is null ? listing.DecisionNumber : command.DecisionNumber.Trim(),
            DecisionDate = command.DecisionDate ?? listing.DecisionDate,
            Initiative = command.Initiative ?? listing.Initiative,
        };
        if (ValidateListing(corrected) is { } invalid)
            return invalid;
        if (command.ResponsiblePersons is not null && AgreesWithPersonRecords(corrected.ResponsiblePersons) is { } otherName)
            return otherName;
        corrected = corrected with { PeriodEnd = PeriodEnd(corrected.Grounds, corrected.PublicationDate, corrected.ExtensionYears) };
        // Ground 1 has no term, so no extension of one (Art. 2): a correction to it ends the extensions granted.
        if (corrected.PeriodEnd is null)
            corrected = corrected with { ExtensionYears = 0 };

        var fields = new List<FieldChange>();
        Compare(fields, "enforcementBasis", listing.EnforcementBasis, corrected.EnforcementBasis);
        Compare(fields, "obligation", listing.Obligation, corrected.Obligation);
        Compare(fields, "amountOwed", listing.AmountOwed, corrected.AmountOwed);
        Compare(fields, "performance", listing.Performance, corrected.Performance);
        Compare(fields, "grounds", string.Join("; ", listing.Grounds), string.Join("; ", corrected.Grounds));
        Compare(fields, "filingDate", listing.FilingDate, corrected.FilingDate);
        Compare(fields, "publicationDate", listing.PublicationDate, corrected.PublicationDate);
        Compare(fields, "periodEnd", listing.PeriodEnd, corrected.PeriodEnd);
        Compare(fields, "extensionYears", listing.ExtensionYears, corrected.ExtensionYears);
        if (!(listing.ResponsiblePersons ?? []).SequenceEqual(corrected.ResponsiblePersons ?? []))
            fields.Add(new FieldChange("responsiblePersons", Describe(listing.ResponsiblePersons), Describe(corrected.ResponsiblePersons)));
        Compare(fields, "decisionNumber", listing.DecisionNumber, corrected.DecisionNumber);
        Compare(fields, "decisionDate", listing.DecisionDate, corrected.DecisionDate);
        Compare(fields, "initiative", listing.Initiative, corrected.Initiative);
        if (command.SubjectName is not null)
        {
            if (TextRules.Name(command.SubjectName, "subjectName", 100) is { } badName)
                return badName;
            Compare(fields, "subject.name", State.Profile!.Name, command.SubjectName.Trim());
        }
        if (fields.Count == 0)
            return Refuse.Invalid("explanation", "the correction changes no field; send the fields to correct");

        if (command.SubjectName is not null)
            State.Profile = State.Profile! with { Name = command.SubjectName.Trim() };
        Replace(corrected);
        CarryOutOrders(listing.Id, ObjectionRemedy.Correct);
        Record(ChangeKind.ListingCorrected, listing.Id, $"Art. 9 correction: {command.Explanation.Trim()}", context, [.. fields]);
        if (command.SubjectName is not null)
            TellOthersOfName(context);
        // Consumption rules Art. 3 ¶2: a new representative or responsible person is restricted and one no longer named
        // freed, as long as the listing's restriction holds.
        if (State.Restrictions.Exists(r => r.Status == RestrictionStatus.Active && r.Basis == RestrictionBasis.Listing && r.SourceListingId == listing.Id))
        {
            Reassign(listing.ResponsiblePersons ?? [], corrected.ResponsiblePersons ?? [], EntityItem.OfListing(listing.Id), corrected.CaseNumber,
                corrected.PublicationDate, corrected.DecisionNumber, corrected.DecisionDate, command.Explanation.Trim(), context);
            if (corrected.DecisionNumber != listing.DecisionNumber || corrected.DecisionDate != listing.DecisionDate)
                RetellDecision(listing.ResponsiblePersons ?? [], corrected.ResponsiblePersons ?? [], EntityItem.OfListing(listing.Id), corrected.CaseNumber,
                    corrected.PublicationDate, corrected.DecisionNumber, corrected.DecisionDate, context);
        }
        // Art. 9 with Art. 10 ¶2: a publication date corrected to the true, earlier one can show that the term has already
        // run out; the listing then ends as expired at once, recorded after the correction that shows it.
        if (corrected.PeriodEnd is { } end && end < Today)
            ExpireDue();
        return Decision.Accept(listing.Id);
    }

    public Decision ExtendListing(ExtendListing command, CommandContext context)
    {
        if (ActiveListingOfThisCourt(command.ListingId, context, "can no longer be extended", out var listing) is { } unavailable)
            return unavailable;
        if (listing.PeriodEnd is null)
            return Refuse.Conflict("listingId", "Art. 2: a listing on ground 1 has no fixed term to extend");
        if (command.Years is < 1 or > MaximumExtensionYears)
            return Refuse.Invalid("years", "Art. 2: an extension is 1 to 3 years");
        if (listing.ExtensionYears + command.Years > MaximumExtensionYears)
            return Refuse.Invalid("years", $"Art. 2: extensions add up to at most 3 years; {listing.ExtensionYears} already granted");
        if (command.Condition is not { } condition || !Enum.IsDefined(condition))
            return Refuse.Invalid("condition", "Art. 2: an extension names its condition: ViolenceOrThreats (violence or threats) or SeveralDishonestActs (several dishonest acts)");
        if (TextRules.Paragraph(command.Explanation, "explanation", 1000) is { } noReason)
            return noReason;

        var extended = listing with
        {
            ExtensionYears = listing.ExtensionYears + command.Years,
            PeriodEnd = PeriodEnd(listing.Grounds, listing.PublicationDate, listing.ExtensionYears + command.Years),
        };
        Replace(extended);
        Record(ChangeKind.ListingExtended, listing.Id, $"Art. 2 extension by {command.Years} year(s) for {condition}: {command.Explanation.Trim()}", context,
            new FieldChange("periodEnd", Text(listing.PeriodEnd), Text(extended.PeriodEnd)), new FieldChange("condition", null, condition.ToString()));
        return Decision.Accept(listing.Id);
    }

    public Decision RemoveListing(RemoveListing command, CommandContext context)
    {
        if (ActiveListingOfThisCourt(command.ListingId, context, "cannot be removed again", out var listing, ObjectionRemedy.Revoke) is { } unavailable)
            return unavailable;
        // Art. 12: a court acting in another court's case on its own order revokes for the upheld objection, and for nothing else.
        if (listing.Court != context.Court && command.Reason != RemovalReason.ObjectionUpheld)
            return Refuse.Forbidden("reason", $"the listing belongs to court {listing.Court}; on its order under Art. 12 court {context.Court} revokes it only as ObjectionUpheld");
        if (!Enum.IsDefined(command.Reason))
            return Refuse.Invalid("reason", "must be one of the removal reasons of Arts. 2, 9, 10 and 12");
        if (TextRules.Paragraph(command.Explanation, "explanation", 1000) is { } noReason)
            return noReason;
        if (command.Reason == RemovalReason.TermExpired)
            return Refuse.Invalid("reason", listing.PeriodEnd is { } end
                ? $"Art. 10 ¶2: the term runs through {end:yyyy-MM-dd} and ends by itself; it has not ended"
                : "Art. 2: a listing on ground 1 has no fixed term to end");
        if (command.EventDate is { } happened && (happened > Today || happened < listing.FilingDate))
            return Refuse.Invalid("eventDate", $"the event the removal follows happened in the case: on or after its filing date {listing.FilingDate:yyyy-MM-dd} and not in the future");
        // Art. 12: a revocation on an objection carries out a decision upholding it; without one it is a removal on another
        // ground, and counting it as an upheld objection would misstate the court's objection figures.
        if (command.Reason == RemovalReason.ObjectionUpheld && !State.ObjectionOrders.Exists(o => o.ListingId == listing.Id && o.Remedy == ObjectionRemedy.Revoke && !o.Executed))
            return Refuse.Conflict("reason", "Art. 12: no upheld objection orders this listing revoked; revoke on an objection through /objections/{receipt}/revocation, " +
                "or remove the listing on its own ground (WronglyListed for a listing that was wrong, Art. 9)");
        if (command.KeepConsumptionRestriction && (command.Reason.EndsTheEnforcement() || command.Reason is RemovalReason.WronglyListed or RemovalReason.ObjectionUpheld))
            return Refuse.Invalid("keepConsumptionRestriction", "consumption rules Art. 9: the restriction must be lifted when the debt is performed, enforcement has ended or the listing was wrong");

        var explanation = command.Explanation.Trim();
        Replace(listing with { Status = ListingStatus.Removed, End = new ListingEnd(command.Reason, explanation, clock.GetUtcNow(), command.EventDate) });
        if (command.Reason is RemovalReason.ObjectionUpheld or RemovalReason.WronglyListed)
            CarryOutOrders(listing.Id, ObjectionRemedy.Revoke);
        Record(ChangeKind.ListingRemoved, listing.Id, $"{command.Reason} ({command.Reason.Article()}): {explanation}", context,
            command.EventDate is { } eventDate ? new[] { new FieldChange("eventDate", null, Text(eventDate)) } : Array.Empty<FieldChange>());

        if (!command.KeepConsumptionRestriction)
            LiftRestrictionsOf(listing, command.Reason, explanation, context);
        // Consumption rules Art. 9 and exit-ban practice: once the obligation is performed or enforcement is over,
        // nothing of this case may keep restricting the debtor (a debtor who paid must be able to travel).
        if (command.Reason.EndsTheEnforcement())
            LiftEverythingInCase(listing.CaseNumber, command.Reason, explanation, context);
        return Decision.Accept(listing.Id);
    }

    private void LiftRestrictionsOf(Listing listing, RemovalReason reason, string explanation, CommandContext context)
    {
        foreach (var restriction in State.Restrictions.Where(r => r.Status == RestrictionStatus.Active && r.SourceListingId == listing.Id).ToList())
            EndRestriction(restriction, RestrictionLiftReason.ListingRemoved, $"listing removed ({reason}): {explanation}", context);
    }

    /// <summary>The rules every listing keeps, when it is entered and after each correction.</summary>
    private Refusal? ValidateListing(Listing listing)
    {
        var (basis, performance, grounds) = (listing.EnforcementBasis, listing.Performance, listing.Grounds);
        if (TextRules.Line(basis.Issuer, "enforcementBasis.issuer", 200) is { } issuer)
            return issuer;
        if (TextRules.Line(basis.DocumentNumber, "enforcementBasis.documentNumber", 100) is { } document)
            return document;
        if (TextRules.Paragraph(listing.Obligation, "obligation", 2000) is { } badObligation)
            return badObligation;
        if (TextRules.Amount(listing.AmountOwed, "amountOwed") is { } badAmount)
            return badAmount;
        if (!Enum.IsDefined(performance.Status))
            return Refuse.Invalid("performance.status", "must be NotPerformed or PartlyPerformed");
        if (performance.Status == PerformanceStatus.NotPerformed && performance.AmountPerformed != 0)
            return Refuse.Invalid("performance.amountPerformed", "must be 0 when nothing has been performed");
        if (performance.Status == PerformanceStatus.PartlyPerformed
            && (performance.AmountPerformed <= 0 || performance.AmountPerformed >= listing.AmountOwed || decimal.Round(performance.AmountPerformed, 2) != performance.AmountPerformed))
            return Refuse.Invalid("performance.amountPerformed", "must be more than 0 and less than the amount owed (a fully performed debtor is not listed, Art. 10)");
        if (grounds.Count == 0)
            return Refuse.Invalid("grounds", "Art. 1: a listing needs at least one of the six grounds");
        for (var i = 0; i < grounds.Count; i++)
        {
            if (!Enum.IsDefined(grounds[i].Ground))
                return Refuse.Invalid($"grounds[{i}].ground", "Art. 1: must be one of the six grounds (1–6)");
            if (TextRules.Paragraph(grounds[i].Behaviour, $"grounds[{i}].behaviour", 1000) is { } badBehaviour)
                return badBehaviour;
        }
        if (grounds.Select(g => g.Ground).Distinct().Count() != grounds.Count)
            return Refuse.Invalid("grounds", "each ground may appear once");
        if (listing.FilingDate > Today)
            return Refuse.Invalid("filingDate", "must not be in the future");
        if (listing.FilingDate.Year != listing.CaseNumber.Year)
            return Refuse.Invalid("filingDate", $"must fall in the case number's year {listing.CaseNumber.Year}");
        if (listing.PublicationDate < listing.FilingDate)
            return Refuse.Invalid("publicationDate", "must not be before the filing date");
        if (listing.PublicationDate > Today)
            return Refuse.Invalid("publicationDate", "must not be in the future");
        // Art. 4: minors are never listed, judged on the publication date; full years count from the day after the birthday.
        if (State.Profile!.BirthDate is { } birth && listing.PublicationDate < birth.AdultFrom())
            return Refuse.Invalid("subject.number",
                $"Art. 4: the subject is a minor on the publication date and must not be listed (an adult from {birth.AdultFrom():yyyy-MM-dd}, the day after the 18th birthday)");
        if (ValidateDecision(listing) is { } badDecision)
            return badDecision;
        return ValidateResponsiblePersons(listing.ResponsiblePersons, "list rules Art. 6 and consumption rules Art. 3 ¶2: an entity's listing names", listing.PublicationDate);
    }

    /// <summary>Art. 5: the decision (决定书) a listing rests on. Listings stored before decisions were recorded have
    /// none, and a correction may add them; what is there must be sound.</summary>
    private Refusal? ValidateDecision(Listing listing)
    {
        if (listing.DecisionNumber is not null && TextRules.Line(listing.DecisionNumber, "decisionNumber", 100) is { } badNumber)
            return badNumber;
        if (listing.DecisionDate is { } decided)
        {
            if (decided > Today)
                return Refuse.Invalid("decisionDate", "must not be in the future");
            if (decided < listing.FilingDate)
                return Refuse.Invalid("decisionDate", "must not be before the filing date: the decision is made in the enforcement case");
            if (decided > listing.PublicationDate)
                return Refuse.Invalid("decisionDate", "Art. 5: the listing is published on or after its decision; must not be after the publication date");
        }
        if (listing.Initiative is { } initiative && !Enum.IsDefined(initiative))
            return Refuse.Invalid("initiative", "Art. 5: must be CreditorApplication or OwnMotion");
        return null;
    }

    private static string InitiativeText(ListingInitiative initiative) =>
        initiative == ListingInitiative.CreditorApplication ? "on the creditor's application" : "of the court's own motion";

    /// <summary>Art. 2: ground 1 has no fixed term; otherwise 2 years from publication plus extensions.</summary>
    public static DateOnly? PeriodEnd(IReadOnlyList<GroundFinding> grounds, DateOnly publicationDate, int extensionYears) =>
        grounds.Any(g => g.Ground == DishonestGround.RefusesDespiteAbility)
            ? null
            : publicationDate.AddYearsClamped(FixedTermYears + extensionYears);

    /// <summary>The listing a change is about: it must exist, belong to the calling court and still be in force.</summary>
    /// <param name="underOrder">The one change another court may make: the correction or revocation it ordered on an objection
    /// (Art. 12), not yet carried out.</param>
    private Refusal? ActiveListingOfThisCourt(Guid id, CommandContext context, string whatNot, out Listing listing, ObjectionRemedy? underOrder = null)
    {
        listing = State.Listings.Find(l => l.Id == id)!;
        if (listing is null)
            return Refuse.NotFound("listingId", "no listing with this id on this subject");
        var ordered = underOrder is { } remedy && ActsUnderOrder(listing.Id, remedy, context.Court);
        if (!ordered && OwnCase(listing.Court, context, "listingId") is { } foreign)
            return foreign;
        return listing.Status == ListingStatus.Active
            ? null
            : Refuse.Conflict("listingId", $"the listing is {listing.Status.ToString().ToLowerInvariant()} and {whatNot}");
    }

    /// <summary>The case's listing in force: a case lists its debtor once (correct or extend it), and what ends the case's
    /// debt ends it first.</summary>
    private Listing? ActiveListingInCase(CaseNumber caseNumber) =>
        State.Listings.Find(l => l.Status == ListingStatus.Active && l.CaseNumber == caseNumber);

    private void Replace(Listing listing) => State.Listings[State.Listings.FindIndex(l => l.Id == listing.Id)] = listing;

    private static void Compare<T>(List<FieldChange> fields, string name, T before, T after)
    {
        if (!EqualityComparer<T>.Default.Equals(before, after))
            fields.Add(new FieldChange(name, Text(before), Text(after)));
    }

    private static EnforcementBasis Trimmed(EnforcementBasis? basis) => new(basis?.Issuer?.Trim() ?? "", basis?.DocumentNumber?.Trim() ?? "");

    private static List<GroundFinding> Trimmed(IReadOnlyList<GroundFinding>? grounds) =>
        [.. (grounds ?? []).Select(g => g with { Behaviour = g.Behaviour?.Trim() ?? "" })];

}
