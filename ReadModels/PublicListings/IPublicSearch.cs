namespace Credit.ReadModels.PublicListings;

/// <summary>The public search engine: PostgreSQL on one machine (the default), Elasticsearch when the
/// platform outgrows it. Both answer from the public read model, so both show only active listings.</summary>
public interface IPublicSearch
{
    Task<PublicSearchPage> SearchAsync(PublicSearchQuery query, CancellationToken cancellationToken);

    Task<PublicListing?> FindAsync(Guid listingId, CancellationToken cancellationToken);
}
