using Credit.Grains.Interfaces.Changes;

namespace Credit.ReadModels.ChangeLog;

/// <summary>One row of <c>change_log</c>, as much as the indexer needs.</summary>
public sealed record ChangeLogEntry(long Position, string SubjectKey, string Kind, Guid ItemId)
{
    private static readonly HashSet<string> ListingKinds =
    [
        nameof(ChangeKind.Listed), nameof(ChangeKind.ListingCorrected), nameof(ChangeKind.ListingExtended),
        nameof(ChangeKind.ListingRemoved), nameof(ChangeKind.ListingExpired),
    ];

    /// <summary>The item is a listing (not a consumption restriction or an exit ban).</summary>
    public bool IsAboutListing => ListingKinds.Contains(Kind);
}
