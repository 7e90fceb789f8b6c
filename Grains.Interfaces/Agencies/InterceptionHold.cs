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
    /// <summary>A fixed-term listing or an exit ban past its last day no longer holds, even before the
    /// subject's grain has recorded the expiry.</summary>
    public bool HoldsOn(DateOnly date) => Since <= date && (Until is null || Until >= date);
}
