using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Transport.Products.Elasticsearch;

namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>The concrete listing indexes and the alias in front of them.</summary>
public sealed class ListingIndexes(ElasticsearchClient client)
{
    /// <summary>The concrete indexes the alias points at: none before the first build, one afterwards.</summary>
    public async Task<IReadOnlyList<string>> BehindAliasAsync(string alias, CancellationToken cancellationToken)
    {
        var response = await client.Indices.GetAliasAsync(new GetAliasRequest((Names)alias), cancellationToken);
        // The alias API answers 404 for an alias that does not exist yet: an answer, not a failure.
        if (response.ApiCallDetails.HttpStatusCode == 404)
            return [];
        Ensure(response, $"reading alias {alias}");
        return [.. (response.Aliases ?? new Dictionary<string, IndexAliases>()).Keys.Order(StringComparer.Ordinal)];
    }

    public async Task CreateAsync(string index, ElasticsearchOptions options, CancellationToken cancellationToken) =>
        Ensure(await client.Indices.CreateAsync(ListingIndexDefinition.Create(index, options), cancellationToken), $"creating index {index}");

    public async Task RefreshAsync(string index, CancellationToken cancellationToken) =>
        Ensure(await client.Indices.RefreshAsync(new RefreshRequest(index), cancellationToken), $"refreshing {index}");

    /// <summary>Points the alias at <paramref name="index"/> and deletes <paramref name="previous"/> in one
    /// atomic alias update: searches see the old index until the instant they see the new one, and no
    /// index is left behind that nobody writes to any more.</summary>
    public async Task SwapAsync(string alias, string index, IReadOnlyList<string> previous, CancellationToken cancellationToken) =>
        Ensure(await client.Indices.UpdateAliasesAsync(SwapRequest(alias, index, previous), cancellationToken), $"pointing {alias} at {index}");

    public static UpdateAliasesRequest SwapRequest(string alias, string index, IReadOnlyList<string> previous) => new()
    {
        Actions =
        [
            new IndexUpdateAliasesAction { Add = new AddAction { Index = index, Alias = alias } },
            .. previous.Select(old => new IndexUpdateAliasesAction { RemoveIndex = new RemoveIndexAction { Index = old } }),
        ],
    };

    public async Task DeleteAsync(string index, CancellationToken cancellationToken)
    {
        var response = await client.Indices.DeleteAsync(new DeleteIndexRequest(index), cancellationToken);
        if (response.ApiCallDetails.HttpStatusCode != 404)
            Ensure(response, $"deleting index {index}");
    }

    internal static void Ensure(ElasticsearchResponse response, string what)
    {
        if (!response.IsValidResponse)
            throw ElasticsearchRequestException.For(what, response);
    }
}
