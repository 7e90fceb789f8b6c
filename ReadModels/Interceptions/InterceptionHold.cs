using Credit.Grains.Interfaces.Agencies;

namespace Credit.ReadModels.Interceptions;

/// <summary>One measure-bearing item of a subject that agencies enforce: a listing, a restriction or an
/// exit ban, with the court and case answerable for it. Stored as JSON in the interception read model.</summary>
/// <param name="DecisionNumber">The court's decision the item rests on (list rules Art. 5): the listing's decision,
/// the restriction order, the exit-ban decision; null where none was recorded.</param>
/// <param name="Permissions">A restriction's permissions for necessary travel (consumption rules Art. 8).</param>
public sealed record InterceptionHold(
    InterceptionTriggers Trigger,
    Guid ItemId,
    string Court,
    string CaseNumber,
    DateOnly Since,
    DateOnly? Until,
    decimal? AmountOwed,
    string? LegalRepresentative,
    string? RepresentedEntity,
    string? DecisionNumber = null,
    DateOnly? DecisionDate = null,
    IReadOnlyList<HoldPermission>? Permissions = null)
{
    public bool InForceOn(DateOnly day) => HoldPeriod.InForceOn(Since, Until, day);
}
