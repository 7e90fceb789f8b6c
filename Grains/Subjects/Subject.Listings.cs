using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Rules;

namespace Credit.Grains.Subjects;

public sealed partial class Subject
{
    /// <summary>Art. 2: grounds 2–6 run 2 years from publication, extendable by at most 3 years in all.</summary>
    public const int FixedTermYears = 2;
    public const int MaximumExtensionYears = 3;

    public Decision CreateListing(CreateListing command, CommandContext context)
    {
        if (Identify(command.Subject) is { } unidentified)
            return unidentified;
        if (CaseOfThisCourt(command.CaseNumber, context) is { } foreign)
            return foreign;
        if (ValidateListing(command.CaseNumber, command.EnforcementBasis, command.Obligation, command.AmountOwed, command.Performance,
                command.Grounds, command.FilingDate, command.PublicationDate, command.LegalRepresentative) is { } invalid)
            return invalid;
        if (State.Listings.Any(l => l.Status == ListingStatus.Active && l.CaseNumber == command.CaseNumber))
            return Refuse.Conflict("caseNumber", "this subject already has an active listing in this case; correct or extend it instead");

        var listing = new Listing(Guid.NewGuid(), context.Court, command.CaseNumber, Trimmed(command.EnforcementBasis), command.Obligation.Trim(),
            command.AmountOwed, command.Performance, Trimmed(command.Grounds), command.FilingDate, command.PublicationDate,
            PeriodEnd(command.Grounds, command.PublicationDate, 0), 0, Trimmed(command.LegalRepresentative), ListingStatus.Active, null);
        State.Listings.Add(listing);
        Record(ChangeKind.Listed, listing.Id, $"Art. 1 grounds {string.Join(", ", listing.Grounds.Select(g => (int)g.Ground))}", context);

        // Consumption rules Art. 1: every listed debtor is also consumption-restricted.
        AddRestriction(context, listing.CaseNumber, listing.PublicationDate, RestrictionBasis.Listing, listing.Id, null, null,
            "consumption rules Art. 1: comes with the dishonest-debtor listing");

        // Consumption rules Art. 3 para. 2: an entity's legal representative is restricted personally,
        // as their own subject, but is not listed for the entity's debt (2019 SPC opinion).
        if (listing.LegalRepresentative is { } representative)
        {
            State.Outbox.Add(new PendingDelivery(SubjectId.For(representative.ResidentId),
                new RestrictAsLegalRepresentative(representative.Name, Id, State.Profile!.Name, listing.Id, listing.CaseNumber, listing.PublicationDate),
                null, context with { IdempotencyKey = $"representative-of:{Id}:{listing.Id}", Fingerprint = "" }));
        }
        return Decision.Accept(listing.Id);
    }

    public Decision CorrectListing(CorrectListing command, CommandContext context)
    {
        if (ActiveListingOfThisCourt(command.ListingId, context, "can no longer be corrected", out var listing) is { } unavailable)
            return unavailable;
        if (TextRules.Paragraph(command.Explanation, "explanation", 1000) is { } noReason)
            return noReason;

        var corrected = listing with
        {
            EnforcementBasis = command.EnforcementBasis is null ? listing.EnforcementBasis : Trimmed(command.EnforcementBasis),
            Obligation = command.Obligation is null ? listing.Obligation : command.Obligation.Trim(),
            AmountOwed = command.AmountOwed ?? listing.AmountOwed,
            Performance = command.Performance ?? listing.Performance,
            Grounds = command.Grounds is null ? listing.Grounds : Trimmed(command.Grounds),
            FilingDate = command.FilingDate ?? listing.FilingDate,
            PublicationDate = command.PublicationDate ?? listing.PublicationDate,
            LegalRepresentative = command.LegalRepresentative is null ? listing.LegalRepresentative : Trimmed(command.LegalRepresentative),
        };
        if (ValidateListing(corrected.CaseNumber, corrected.EnforcementBasis, corrected.Obligation, corrected.AmountOwed, corrected.Performance,
                corrected.Grounds, corrected.FilingDate, corrected.PublicationDate, corrected.LegalRepresentative) is { } invalid)
            return invalid;
        corrected = corrected with { PeriodEnd = PeriodEnd(corrected.Grounds, corrected.PublicationDate, corrected.ExtensionYears) };
        if (corrected.PeriodEnd is { } end && end < Today)
            return Refuse.Invalid("publicationDate", "the corrected period would already have ended; remove the listing for term expiry instead");

        var fields = new List<FieldChange>();
        Compare(fields, "enforcementBasis", listing.EnforcementBasis, corrected.EnforcementBasis);
        Compare(fields, "obligation", listing.Obligation, corrected.Obligation);
        Compare(fields, "amountOwed", listing.AmountOwed, corrected.AmountOwed);
        Compare(fields, "performance", listing.Performance, corrected.Performance);
        Compare(fields, "grounds", string.Join("; ", listing.Grounds), string.Join("; ", corrected.Grounds));
        Compare(fields, "filingDate", listing.FilingDate, corrected.FilingDate);
        Compare(fields, "publicationDate", listing.PublicationDate, corrected.PublicationDate);
        Compare(fields, "periodEnd", listing.PeriodEnd, corrected.PeriodEnd);
        Compare(fields, "legalRepresentative", listing.LegalRepresentative, corrected.LegalRepresentative);
        if (command.SubjectName is not null)
        {
            if (TextRules.Line(command.SubjectName, "subjectName", 100) is { } badName)
                return badName;
            Compare(fields, "subject.name", State.Profile!.Name, command.SubjectName.Trim());
        }
        if (fields.Count == 0)
            return Refuse.Invalid("explanation", "the correction changes no field; send the fields to correct");
        if (listing.LegalRepresentative != corrected.LegalRepresentative && listing.LegalRepresentative is not null)
            return Refuse.Invalid("legalRepresentative", "replacing the legal representative needs the listing removed (WronglyListed) and created again, so that the restrictions follow");

        if (command.SubjectName is not null)
            State.Profile = State.Profile! with { Name = command.SubjectName.Trim() };
        Replace(corrected);
        Record(ChangeKind.ListingCorrected, listing.Id, $"Art. 9 correction: {command.Explanation.Trim()}", context, [.. fields]);
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
        if (TextRules.Paragraph(command.Explanation, "explanation", 1000) is { } noReason)
            return noReason;

        var extended = listing with
        {
            ExtensionYears = listing.ExtensionYears + command.Years,
            PeriodEnd = PeriodEnd(listing.Grounds, listing.PublicationDate, listing.ExtensionYears + command.Years),
        };
        Replace(extended);
        Record(ChangeKind.ListingExtended, listing.Id, $"Art. 2 extension by {command.Years} year(s): {command.Explanation.Trim()}", context,
            new FieldChange("periodEnd", Text(listing.PeriodEnd), Text(extended.PeriodEnd)));
        return Decision.Accept(listing.Id);
    }

    public Decision RemoveListing(RemoveListing command, CommandContext context)
    {
        if (ActiveListingOfThisCourt(command.ListingId, context, "cannot be removed again", out var listing) is { } unavailable)
            return unavailable;
        if (!Enum.IsDefined(command.Reason))
            return Refuse.Invalid("reason", "must be one of the removal reasons of Arts. 2, 9, 10 and 12");
        if (TextRules.Paragraph(command.Explanation, "explanation", 1000) is { } noReason)
            return noReason;
        if (command.Reason == RemovalReason.TermExpired)
            return Refuse.Invalid("reason", listing.PeriodEnd is { } end
                ? $"Art. 10(7): the term runs through {end:yyyy-MM-dd} and ends by itself; it has not expired"
                : "Art. 2: a listing on ground 1 has no fixed term to expire");
        if (command.KeepConsumptionRestriction && (command.Reason.EndsTheDebt() || command.Reason == RemovalReason.WronglyListed))
            return Refuse.Invalid("keepConsumptionRestriction", "consumption rules Art. 9: the restriction must be lifted when the debt is performed or the listing was wrong");

        var explanation = command.Explanation.Trim();
        Replace(listing with { Status = ListingStatus.Removed, End = new ListingEnd(command.Reason, explanation, clock.GetUtcNow()) });
        Record(ChangeKind.ListingRemoved, listing.Id, $"{command.Reason}: {explanation}", context);

        if (!command.KeepConsumptionRestriction)
            LiftRestrictionsOf(listing, command.Reason, explanation, context);
        // Consumption rules Art. 9 and exit-ban practice: once the obligation is performed, nothing of
        // this case may keep restricting the debtor (a debtor who paid must be able to travel).
        if (command.Reason.EndsTheDebt())
            LiftEverythingInCase(listing.CaseNumber, command.Reason, explanation, context);
        return Decision.Accept(listing.Id);
    }

    private void LiftRestrictionsOf(Listing listing, RemovalReason reason, string explanation, CommandContext context)
    {
        foreach (var restriction in State.Restrictions.Where(r => r.Status == RestrictionStatus.Active && r.SourceListingId == listing.Id).ToList())
            EndRestriction(restriction, RestrictionLiftReason.ListingRemoved, $"listing removed ({reason}): {explanation}", context);
    }

    private Refusal? ValidateListing(CaseNumber caseNumber, EnforcementBasis basis, string obligation, decimal amountOwed, Performance performance,
        IReadOnlyList<GroundFinding> grounds, DateOnly filingDate, DateOnly publicationDate, LegalRepresentative? representative)
    {
        if (TextRules.Line(basis.Issuer, "enforcementBasis.issuer", 200) is { } issuer)
            return issuer;
        if (TextRules.Line(basis.DocumentNumber, "enforcementBasis.documentNumber", 100) is { } document)
            return document;
        if (TextRules.Paragraph(obligation, "obligation", 2000) is { } badObligation)
            return badObligation;
        if (TextRules.Amount(amountOwed, "amountOwed") is { } badAmount)
            return badAmount;
        if (!Enum.IsDefined(performance.Status))
            return Refuse.Invalid("performance.status", "must be NotPerformed or PartlyPerformed");
        if (performance.Status == PerformanceStatus.NotPerformed && performance.AmountPerformed != 0)
            return Refuse.Invalid("performance.amountPerformed", "must be 0 when nothing has been performed");
        if (performance.Status == PerformanceStatus.PartlyPerformed
            && (performance.AmountPerformed <= 0 || performance.AmountPerformed >= amountOwed || decimal.Round(performance.AmountPerformed, 2) != performance.AmountPerformed))
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
        if (filingDate > Today)
            return Refuse.Invalid("filingDate", "must not be in the future");
        if (filingDate.Year != caseNumber.Year)
            return Refuse.Invalid("filingDate", $"must fall in the case number's year {caseNumber.Year}");
        if (publicationDate < filingDate)
            return Refuse.Invalid("publicationDate", "must not be before the filing date");
        if (publicationDate > Today)
            return Refuse.Invalid("publicationDate", "must not be in the future");
        // Art. 4: minors are never listed, judged on the publication date.
        if (State.Profile!.AgeOn(publicationDate) is { } age && age < 18)
            return Refuse.Invalid("subject.number", $"Art. 4: the subject is a minor ({age}) on the publication date and must not be listed");
        if (Id.IsEntity && representative is null)
            return Refuse.Invalid("legalRepresentative", "Art. 6: an entity's listing names its legal representative or person in charge");
        if (!Id.IsEntity && representative is not null)
            return Refuse.Invalid("legalRepresentative", "only an entity's listing names a legal representative");
        if (representative is not null && TextRules.Line(representative.Name, "legalRepresentative.name", 100) is { } badRepresentative)
            return badRepresentative;
        return null;
    }

    /// <summary>Art. 2: ground 1 has no fixed term; otherwise 2 years from publication plus extensions.</summary>
    public static DateOnly? PeriodEnd(IReadOnlyList<GroundFinding> grounds, DateOnly publicationDate, int extensionYears) =>
        grounds.Any(g => g.Ground == DishonestGround.RefusesDespiteAbility)
            ? null
            : publicationDate.AddYearsClamped(FixedTermYears + extensionYears);

    /// <summary>The listing a change is about: it must exist, belong to the calling court and still be in force.</summary>
    private Refusal? ActiveListingOfThisCourt(Guid id, CommandContext context, string whatNot, out Listing listing)
    {
        listing = State.Listings.Find(l => l.Id == id)!;
        if (listing is null)
            return Refuse.NotFound("listingId", "no listing with this id on this subject");
        if (OwnCase(listing.Court, context, "listingId") is { } foreign)
            return foreign;
        return listing.Status == ListingStatus.Active
            ? null
            : Refuse.Conflict("listingId", $"the listing is {listing.Status.ToString().ToLowerInvariant()} and {whatNot}");
    }

    private void Replace(Listing listing) => State.Listings[State.Listings.FindIndex(l => l.Id == listing.Id)] = listing;

    private static void Compare<T>(List<FieldChange> fields, string name, T before, T after)
    {
        if (!EqualityComparer<T>.Default.Equals(before, after))
            fields.Add(new FieldChange(name, Text(before), Text(after)));
    }

    private static EnforcementBasis Trimmed(EnforcementBasis basis) => new(basis.Issuer?.Trim() ?? "", basis.DocumentNumber?.Trim() ?? "");

    private static List<GroundFinding> Trimmed(IReadOnlyList<GroundFinding> grounds) =>
        [.. grounds.Select(g => g with { Behaviour = g.Behaviour?.Trim() ?? "" })];

    private static LegalRepresentative? Trimmed(LegalRepresentative? representative) =>
        representative is null ? null : representative with { Name = representative.Name?.Trim() ?? "" };
}
