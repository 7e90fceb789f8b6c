using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Interfaces.Listings;

[GenerateSerializer, Immutable, Alias("credit.CreateListing")]
public sealed record CreateListing(
    [property: Id(0)] SubjectDetails Subject,
    [property: Id(1)] CaseNumber CaseNumber,
    [property: Id(2)] EnforcementBasis EnforcementBasis,
    [property: Id(3)] string Obligation,
    [property: Id(4)] decimal AmountOwed,
    [property: Id(5)] Performance Performance,
    [property: Id(6)] IReadOnlyList<GroundFinding> Grounds,
    [property: Id(7)] DateOnly FilingDate,
    [property: Id(8)] DateOnly PublicationDate,
    [property: Id(13)] IReadOnlyList<ResponsiblePerson>? ResponsiblePersons,
    [property: Id(10)] string DecisionNumber,
    [property: Id(11)] DateOnly DecisionDate,
    [property: Id(12)] ListingInitiative Initiative);

/// <summary>Art. 9: corrects fields of a listing. Only the fields given change; each change is recorded. New
/// <see cref="ResponsiblePersons"/> replace the old: a person no longer named is freed, a person newly named restricted.</summary>
[GenerateSerializer, Immutable, Alias("credit.CorrectListing")]
public sealed record CorrectListing(
    [property: Id(0)] Guid ListingId,
    [property: Id(1)] string Explanation,
    [property: Id(2)] string? SubjectName,
    [property: Id(3)] EnforcementBasis? EnforcementBasis,
    [property: Id(4)] string? Obligation,
    [property: Id(5)] decimal? AmountOwed,
    [property: Id(6)] Performance? Performance,
    [property: Id(7)] IReadOnlyList<GroundFinding>? Grounds,
    [property: Id(8)] DateOnly? FilingDate,
    [property: Id(9)] DateOnly? PublicationDate,
    [property: Id(14)] IReadOnlyList<ResponsiblePerson>? ResponsiblePersons,
    [property: Id(11)] string? DecisionNumber = null,
    [property: Id(12)] DateOnly? DecisionDate = null,
    [property: Id(13)] ListingInitiative? Initiative = null);

/// <summary>Art. 2: extends a fixed-term listing by 1–3 years (5 years in all at most), on one of its two conditions.</summary>
[GenerateSerializer, Immutable, Alias("credit.ExtendListing")]
public sealed record ExtendListing(
    [property: Id(0)] Guid ListingId,
    [property: Id(1)] int Years,
    [property: Id(2)] string Explanation,
    [property: Id(3)] ExtensionCondition? Condition);

/// <param name="EventDate">The day of the event the removal follows (the performance, the ruling, the creditor's approved request,
/// the finding that the listing was wrong), from which Arts. 9 and 10 ¶1 count their 3 working days.</param>
[GenerateSerializer, Immutable, Alias("credit.RemoveListing")]
public sealed record RemoveListing(
    [property: Id(0)] Guid ListingId,
    [property: Id(1)] RemovalReason Reason,
    [property: Id(2)] string Explanation,
    [property: Id(3)] bool KeepConsumptionRestriction,
    [property: Id(4)] DateOnly? EventDate = null);
