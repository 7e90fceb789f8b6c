using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Interfaces.Restrictions;

[GenerateSerializer, Immutable, Alias("credit.ImposeRestriction")]
public sealed record ImposeRestriction(
    [property: Id(0)] SubjectDetails Subject,
    [property: Id(1)] CaseNumber CaseNumber,
    [property: Id(2)] DateOnly EffectiveFrom,
    [property: Id(3)] string OrderNumber,
    [property: Id(4)] DateOnly OrderDate);

[GenerateSerializer, Immutable, Alias("credit.LiftRestriction")]
public sealed record LiftRestriction(
    [property: Id(0)] Guid RestrictionId,
    [property: Id(1)] RestrictionLiftReason Reason,
    [property: Id(2)] string Explanation);

/// <summary>Sent by an entity's grain to its legal representative's grain when the entity is listed.</summary>
[GenerateSerializer, Immutable, Alias("credit.RestrictAsLegalRepresentative")]
public sealed record RestrictAsLegalRepresentative(
    [property: Id(0)] string Name,
    [property: Id(1)] SubjectId Entity,
    [property: Id(2)] string EntityName,
    [property: Id(3)] Guid ListingId,
    [property: Id(4)] CaseNumber CaseNumber,
    [property: Id(5)] DateOnly EffectiveFrom);

/// <summary>Sent by an entity's grain when the listing that restricted its representative ends.</summary>
[GenerateSerializer, Immutable, Alias("credit.LiftRepresentativeRestriction")]
public sealed record LiftRepresentativeRestriction(
    [property: Id(0)] SubjectId Entity,
    [property: Id(1)] Guid ListingId,
    [property: Id(2)] RestrictionLiftReason Reason,
    [property: Id(3)] string Explanation);
