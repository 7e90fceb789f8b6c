namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>Elasticsearch finds and orders the listings; the public read model, which is current when the court gets
/// its answer, says what they are now. The index follows the change log about a second behind, so without this a
/// listing removed a moment ago (the debtor has paid) would still be found, and a corrected one shown as it was.
/// A hit no longer in the read model is left out; the others are shown as the read model has them.</summary>
public sealed class ConfirmedPublicSearch(ElasticsearchPublicSearch engine, PublicReadModel readModel, PublicListingMapper mapper) : IPublicSearch
{
    public async Task<PublicSearchPage> SearchAsync(PublicSearchQuery query, CancellationToken cancellationToken)
    {
        var page = await engine.SearchAsync(query, cancellationToken);
        if (page.Items.Count == 0)
            return page;
        var current = await CurrentAsync([.. page.Items.Select(l => l.ListingId)], cancellationToken);
        // The cursor stays the engine's: it points past the last hit, whether or not that one is still public.
        return page with { Items = [.. page.Items.Select(l => current.GetValueOrDefault(l.ListingId)).OfType<PublicListing>()] };
    }

    public async Task<PublicListing?> FindAsync(Guid listingId, CancellationToken cancellationToken)
    {
        if (await engine.FindAsync(listingId, cancellationToken) is null)
            return null;
        return (await CurrentAsync([listingId], cancellationToken)).GetValueOrDefault(listingId);
    }

    private async Task<Dictionary<Guid, PublicListing>> CurrentAsync(IReadOnlyCollection<Guid> listingIds, CancellationToken cancellationToken)
    {
        var listings = await readModel.ListingsAsync(listingIds, cancellationToken);
        return listings.Select(mapper.ToPublic).OfType<PublicListing>().ToDictionary(l => l.ListingId);
    }
}
