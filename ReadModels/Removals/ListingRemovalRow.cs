namespace Credit.ReadModels.Removals;

/// <summary>One row of <c>listing_removals</c>: a listing that left the list, as its subject's stored state says.</summary>
public sealed record ListingRemovalRow(
    Guid ListingId,
    string SubjectKey,
    string Court,
    string RemovedBy,
    string CaseNumber,
    string Reason,
    DateOnly? EventDate,
    DateTimeOffset RemovedAt,
    DateOnly RemovedOn,
    decimal AmountOwed,
    decimal AmountPerformed)
{
    /// <summary>Whether the row says the same as <paramref name="other"/> (amounts compared as numbers: 100.5 is 100.50).</summary>
    public bool Agrees(ListingRemovalRow other) =>
        this with { AmountOwed = 0, AmountPerformed = 0, RemovedAt = RemovedAt.ToUniversalTime() }
            == other with { AmountOwed = 0, AmountPerformed = 0, RemovedAt = other.RemovedAt.ToUniversalTime() }
        && AmountOwed == other.AmountOwed && AmountPerformed == other.AmountPerformed;
}
