using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Microsoft.Extensions.Options;

namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>Writes listing documents with the subject's version as external version, so a write carrying an
/// older state of the subject than the index holds is refused by Elasticsearch itself, whatever the order
/// in which indexers, retries and rebuilds arrive.</summary>
public sealed class ListingBulkWriter(ElasticsearchClient client, IOptions<ElasticsearchOptions> options)
{
    public async Task<BulkOutcome> WriteAsync(string index, IReadOnlyList<ListingDocument> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
            return BulkOutcome.Nothing;
        var request = Request(index, documents);
        // Through the alias, the alias must exist: were it deleted, Elasticsearch would otherwise create an
        // index of that name with guessed mappings, full ID numbers in _source, that no alias could ever replace.
        if (index == options.Value.IndexAlias)
            request.RequireAlias = true;
        var response = await client.BulkAsync(request, cancellationToken);
        return BulkOutcome.Of(response, documents.Count);
    }

    public static BulkRequest Request(string index, IReadOnlyList<ListingDocument> documents) => new(index)
    {
        Operations = [.. documents.Select(Operation)],
    };

    private static IBulkOperation Operation(ListingDocument document) => new BulkIndexOperation<ListingDocument>(document)
    {
        Id = document.ListingId.ToString(),
        Version = document.SubjectVersion,
        VersionType = VersionType.External,
    };
}
