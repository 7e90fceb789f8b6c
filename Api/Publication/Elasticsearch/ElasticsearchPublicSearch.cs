using Credit.Grains.Rules;
using Elastic.Clients.Elasticsearch;
using Microsoft.Extensions.Options;

namespace Credit.Api.Publication.Elasticsearch;

/// <summary>Public search answered by Elasticsearch, from the index the <see cref="ElasticsearchIndexer"/>
/// keeps up to date with the change log: the same matches, order and cursors as the PostgreSQL engine,
/// only active listings, never the full ID number. Changes appear once indexed and refreshed (about a
/// second behind the read model), not at the instant they are acknowledged.</summary>
public sealed class ElasticsearchPublicSearch(ElasticsearchClient client, PublicListingMapper mapper, IOptions<ElasticsearchOptions> options, TimeProvider clock)
    : IPublicSearch
{
    public async Task<PublicSearchPage> SearchAsync(PublicSearchQuery query, CancellationToken cancellationToken)
    {
        var request = ListingSearchRequest.For(options.Value.IndexAlias, query, clock.Today());
        var response = await client.SearchAsync<ListingDocument>(request, cancellationToken);
        if (!response.IsValidResponse)
            throw ElasticsearchRequestException.For("a search", response);
        var hits = response.Hits.Where(h => h.Source is not null).ToList();
        var page = hits.Take(query.Limit).ToList();
        var items = page.Select(h => mapper.ToPublic(h.Source!)).OfType<PublicListing>().ToList();
        var next = hits.Count > query.Limit
            ? SearchCursorCodec.Encode(ListingSearchRequest.CursorAfter(page[^1], hasName: query.Name is not null))
            : null;
        return new PublicSearchPage(items, next);
    }

    public async Task<PublicListing?> FindAsync(Guid listingId, CancellationToken cancellationToken)
    {
        // A get is real-time: a listing removed a moment ago is seen as removed, even before a refresh.
        var request = new GetRequest(options.Value.IndexAlias, listingId.ToString()) { SourceExcludes = ListingFields.IdNumber };
        var response = await client.GetAsync<ListingDocument>(request, cancellationToken);
        if (response.Found && response.Source is { } document)
            return mapper.ToPublic(document);
        if (response.ApiCallDetails.HttpStatusCode == 404 && response.ElasticsearchServerError?.Error is null)
            return null;
        throw ElasticsearchRequestException.For($"getting listing {listingId}", response);
    }
}
