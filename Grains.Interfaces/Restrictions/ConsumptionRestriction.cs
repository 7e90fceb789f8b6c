using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Interfaces.Restrictions;

/// <summary>A consumption restriction. It always covers all nine items of the consumption rules Art. 3; which agency
/// enforces which item is the measure catalogue's business. A restriction imposed on its own rests on the court's
/// order (限制消费令, consumption rules Art. 5) with its number and date; one that comes with a listing rests on the
/// listing's decision, and one stored before orders were recorded has none.</summary>
/// <param name="SourceListingId">The listing this restriction comes with: this subject's, or, for a responsible person, the entity's.</param>
/// <param name="RepresentedEntity">For a responsible person: the entity they answer for.</param>
/// <param name="ResponsiblePersons">For an entity's own restriction: the persons it names, each restricted personally.</param>
/// <param name="Role">For a responsible person: their role in the entity.</param>
/// <param name="SourceRestrictionId">For a responsible person restricted with an entity's own restriction: that restriction.</param>
[GenerateSerializer, Immutable, Alias("credit.ConsumptionRestriction")]
public sealed record ConsumptionRestriction(
    [property: Id(0)] Guid Id,
    [property: Id(1)] CourtCode Court,
    [property: Id(2)] CaseNumber CaseNumber,
    [property: Id(3)] RestrictionBasis Basis,
    [property: Id(4)] DateOnly EffectiveFrom,
    [property: Id(5)] RestrictionStatus Status,
    [property: Id(6)] RestrictionLift? Lift,
    [property: Id(7)] Guid? SourceListingId,
    [property: Id(8)] SubjectId? RepresentedEntity,
    [property: Id(9)] string? RepresentedEntityName,
    [property: Id(10)] string? OrderNumber,
    [property: Id(11)] DateOnly? OrderDate,
    [property: Id(12)] IReadOnlyList<ResponsiblePerson>? ResponsiblePersons = null,
    [property: Id(13)] ResponsibleRole? Role = null,
    [property: Id(14)] Guid? SourceRestrictionId = null);

/// <summary>What a consumption restriction rests on: the court's own order, a listing, or an entity the person answers for.</summary>
public enum RestrictionBasis
{
    /// <summary>The debtor missed the deadline in the execution notice (consumption rules Art. 1).</summary>
    Standalone = 0,
    /// <summary>Comes with a dishonest-debtor listing of this subject (consumption rules Art. 1).</summary>
    Listing = 1,
    /// <summary>This person answers for a restricted entity: its legal representative, main or directly responsible
    /// person or actual controller (consumption rules Art. 3 ¶2).</summary>
    ResponsiblePerson = 2,
}

/// <summary>Whether a consumption restriction is in force or was lifted (consumption rules Art. 9).</summary>
public enum RestrictionStatus
{
    Active,
    Lifted,
}

[GenerateSerializer, Immutable, Alias("credit.RestrictionLift")]
public sealed record RestrictionLift(
    [property: Id(0)] RestrictionLiftReason Reason,
    [property: Id(1)] string Explanation,
    [property: Id(2)] DateTimeOffset At);

/// <summary>Why a consumption restriction ends (consumption rules Art. 9, plus the listing it came with).</summary>
public enum RestrictionLiftReason
{
    /// <summary>Art. 9: the obligation was performed; lifting is then mandatory.</summary>
    ObligationPerformed,
    /// <summary>Art. 9: the debtor gave a sufficient guarantee.</summary>
    Guarantee,
    /// <summary>Art. 9: the creditor consented.</summary>
    CreditorConsent,
    /// <summary>The restriction should never have been imposed.</summary>
    WronglyImposed,
    /// <summary>The listing it came with was removed.</summary>
    ListingRemoved,
    /// <summary>Enforcement in the case is over without performance: a ruling not to enforce or terminating enforcement (list rules Art. 10 ¶1(6), (7)).</summary>
    EnforcementEnded,
    /// <summary>The court corrected the entity's responsible persons and this person is no longer among them.</summary>
    NoLongerResponsible,
}
