using Credit.ReadModels.ChangeLog;

namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>What a batch of change-log entries asks to be written: for each subject named in it, its current
/// public listings, and a tombstone for every listing the batch speaks of that is no longer public.</summary>
public static class SubjectDocuments
{
    /// <summary>The index is brought to each subject's <em>current</em> state, not replayed event by event:
    /// a batch that is retried, or entries older than what was already indexed, write the same or older
    /// versions, which external versioning turns into harmless conflicts.
    /// <para>Tombstones come from the listing ids in the change log rather than from asking the index what it
    /// holds: search sees new documents only after a refresh, so a listing indexed a moment ago could be
    /// missed and stay public. A listing can only leave the read model through an entry naming it
    /// (<c>ListingRemoved</c>, <c>ListingExpired</c>), so that entry's batch writes its tombstone.</para></summary>
    public static IReadOnlyList<ListingDocument> For(IReadOnlyList<ChangeLogEntry> changes, SubjectsState state)
    {
        var documents = new List<ListingDocument>(state.Listings);
        var stillPublic = state.Listings.Select(l => l.ListingId).ToHashSet();
        foreach (var gone in changes
            .Where(c => c.IsAboutListing && !stillPublic.Contains(c.ItemId))
            .DistinctBy(c => c.ItemId))
        {
            // A subject in the log has a projected version: both are written in one transaction.
            if (state.Versions.TryGetValue(gone.SubjectKey, out var version))
                documents.Add(ListingDocument.Tombstone(gone.ItemId, gone.SubjectKey, version));
        }
        return documents;
    }
}
