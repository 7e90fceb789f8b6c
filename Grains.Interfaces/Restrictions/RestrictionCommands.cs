using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Interfaces.Restrictions;

/// <param name="ResponsiblePersons">For an entity: the persons who answer for it, each restricted personally (consumption rules Art. 3 ¶2).</param>
[GenerateSerializer, Immutable, Alias("credit.ImposeRestriction")]
public sealed record ImposeRestriction(
    [property: Id(0)] SubjectDetails Subject,
    [property: Id(1)] CaseNumber CaseNumber,
    [property: Id(2)] DateOnly EffectiveFrom,
    [property: Id(3)] string OrderNumber,
    [property: Id(4)] DateOnly OrderDate,
    [property: Id(5)] IReadOnlyList<ResponsiblePerson>? ResponsiblePersons = null);

[GenerateSerializer, Immutable, Alias("credit.LiftRestriction")]
public sealed record LiftRestriction(
    [property: Id(0)] Guid RestrictionId,
    [property: Id(1)] RestrictionLiftReason Reason,
    [property: Id(2)] string Explanation);

/// <summary>Corrects a restriction imposed on its own order: the persons an entity's restriction names (a person no longer
/// named is freed, a person newly named restricted), and the order's number and date as recorded wrongly (list rules Art. 9,
/// consumption rules Art. 5). What is not sent stays as it is.</summary>
[GenerateSerializer, Immutable, Alias("credit.CorrectRestriction")]
public sealed record CorrectRestriction(
    [property: Id(0)] Guid RestrictionId,
    [property: Id(1)] string Explanation,
    [property: Id(2)] IReadOnlyList<ResponsiblePerson>? ResponsiblePersons,
    [property: Id(3)] string? OrderNumber = null,
    [property: Id(4)] DateOnly? OrderDate = null);

/// <summary>Sent by an entity's grain to the grain of a person who answers for it, when the entity is listed or
/// restricted or the person newly named. The person's restriction follows the entity's listing
/// (<see cref="ListingId"/>) or the entity's own restriction (<see cref="EntityRestrictionId"/>). Deliveries stored
/// before roles were recorded concern a legal representative, the role numbered 0.</summary>
/// <param name="DecisionNumber">The decision or order the entity's restriction rests on, for the agencies.</param>
[GenerateSerializer, Immutable, Alias("credit.RestrictAsLegalRepresentative")]
public sealed record RestrictAsResponsiblePerson(
    [property: Id(0)] string Name,
    [property: Id(1)] SubjectId Entity,
    [property: Id(2)] string EntityName,
    [property: Id(3)] Guid? ListingId,
    [property: Id(4)] CaseNumber CaseNumber,
    [property: Id(5)] DateOnly EffectiveFrom,
    [property: Id(6)] ResponsibleRole Role = ResponsibleRole.LegalRepresentative,
    [property: Id(7)] Guid? EntityRestrictionId = null,
    [property: Id(8)] Sex? Sex = null,
    [property: Id(9)] DateOnly? BirthDate = null,
    [property: Id(10)] string? DecisionNumber = null,
    [property: Id(11)] DateOnly? DecisionDate = null);

/// <summary>Sent by an entity's grain when the entity's restriction that a person follows ends, or the person is no
/// longer named.</summary>
[GenerateSerializer, Immutable, Alias("credit.LiftRepresentativeRestriction")]
public sealed record LiftResponsiblePersonRestriction(
    [property: Id(0)] SubjectId Entity,
    [property: Id(1)] Guid? ListingId,
    [property: Id(2)] RestrictionLiftReason Reason,
    [property: Id(3)] string Explanation,
    [property: Id(4)] Guid? EntityRestrictionId = null);
