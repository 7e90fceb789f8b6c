namespace Credit.Grains.Interfaces.Objections;

/// <summary>A step of an objection for the subject's history; an upheld objection or a higher court's order also lets the
/// court that decided it correct or revoke the listing once (Art. 12), which the subject records.</summary>
[GenerateSerializer, Immutable, Alias("credit.ObjectionHistoryStep")]
public sealed record ObjectionHistoryStep(
    [property: Id(0)] string Receipt,
    [property: Id(1)] Guid ListingId,
    [property: Id(2)] ObjectionStep Step);
