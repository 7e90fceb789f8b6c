namespace Credit.Grains.Interfaces.Agencies;

/// <summary>One measure-bearing item of a subject that agencies enforce: a listing, a restriction or an
/// exit ban, with the court and case answerable for it. Stored as JSON in the interception read model.</summary>
public sealed record InterceptionHold(
    InterceptionTriggers Trigger,
    Guid ItemId,
    string Court,
    string CaseNumber,
    DateOnly Since,
    DateOnly? Until,
    decimal? AmountOwed,
    string? LegalRepresentative,
    string? RepresentedEntity)
{
    public bool HoldsOn(DateOnly day) => HoldPeriod.InForceOn(Since, Until, day);
}
