using Credit.Grains.Interfaces.Time;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.Extensions.Options;

namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>Public search answered by Elasticsearch, from the index the <see cref="ElasticsearchIndexer"/>
/// keeps up to date with the change log: the same matches, order and cursors as the PostgreSQL engine,
/// only active listings, never the full ID number. Changes appear once indexed and refreshed (about a
/// second behind the read model), which is why the platform serves it through <see cref="ConfirmedPublicSearch"/>. When the cluster cannot answer,
/// both throw <see cref="SearchUnavailableException"/>, which the public sees as a 503.</summary>
public sealed class ElasticsearchPublicSearch(ElasticsearchClient client, PublicListingMapper mapper, IOptions<ElasticsearchOptions> options, TimeProvider clock)
    : IPublicSearch
{
    public async Task<PublicSearchPage> SearchAsync(PublicSearchQuery query, CancellationToken cancellationToken)
    {
        var request = ListingSearchRequest.For(options.Value.IndexAlias, query, clock.Today());
        var response = await CallAsync("a search", query.IdNumber, () => client.SearchAsync<ListingDocument>(request, cancellationToken));
        if (!response.IsValidResponse)
            throw Unavailable("a search", ElasticsearchRequestException.Describe(response), query.IdNumber);
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
        var response = await CallAsync($"getting listing {listingId}", null, () => client.GetAsync<ListingDocument>(request, cancellationToken));
        if (response.Found && response.Source is { } document)
            return mapper.ToPublic(document);
        if (response.ApiCallDetails.HttpStatusCode == 404 && response.ElasticsearchServerError?.Error is null)
            return null;
        throw Unavailable($"getting listing {listingId}", ElasticsearchRequestException.Describe(response), null);
    }

    // The client returns most failures as an invalid response, but throws what it cannot put in one: a
    // server that fails the product check, an answer it cannot read.
    private static async Task<TResponse> CallAsync<TResponse>(string what, string? idNumber, Func<Task<TResponse>> call)
    {
        try
        {
            return await call();
        }
        catch (TransportException exception)
        {
            throw Unavailable(what, $"{exception.GetType().Name}: {exception.Message}", idNumber);
        }
    }

    // The reason is logged, and Elasticsearch's can quote the query it failed (a query_shard_exception
    // does): the full ID number searched for is taken out. The transport exception is not kept as the
    // inner one for the same reason; its message, the part worth reading, is in the reason.
    private static SearchUnavailableException Unavailable(string what, string reason, string? idNumber) =>
        new($"Elasticsearch failed {what}: {(idNumber is null ? reason : reason.Replace(idNumber, "[ID number]", StringComparison.OrdinalIgnoreCase))}");
}
