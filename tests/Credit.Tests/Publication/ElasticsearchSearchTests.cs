using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.ReadModels.PublicListings;
using Credit.ReadModels.PublicListings.Elasticsearch;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Credit.Tests.Publication;

/// <summary>The search engine end to end against answers shaped like Elasticsearch's: hits become public
/// listings, pages chain by cursor, removed listings stay unpublished. Runs everywhere.</summary>
public sealed class ElasticsearchSearchTests
{
    internal const string Alias = "credit-public-listings";
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2025, 6, 16, 2, 0, 0, TimeSpan.Zero));

    private static ElasticsearchPublicSearch Search(ElasticsearchFakeCluster cluster) =>
        new(cluster.Client, new PublicListingMapper(Clock), Options.Create(ElasticsearchFakeCluster.Options(Alias)), Clock);

    internal static JsonObject Hit(ListingDocument document, double score)
    {
        var source = JsonNode.Parse(JsonSerializer.Serialize(document))!.AsObject();
        foreach (var empty in source.Where(p => p.Value is null).Select(p => p.Key).ToList())
            source.Remove(empty);
        return new JsonObject
        {
            ["_index"] = $"{Alias}-20250601-000000000",
            ["_id"] = document.ListingId.ToString(),
            ["_score"] = score,
            ["_source"] = source,
            ["sort"] = new JsonArray(score, ListingSearchRequest.EpochMilliseconds(document.PublicationDate!.Value), document.ListingId.ToString()),
        };
    }

    internal static string Answer(params JsonObject[] hits) => new JsonObject
    {
        ["took"] = 2,
        ["timed_out"] = false,
        ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["skipped"] = 0, ["failed"] = 0 },
        ["hits"] = new JsonObject { ["max_score"] = null, ["hits"] = new JsonArray(hits) },
    }.ToJsonString();

    private static PublicSearchQuery ByName(string name, int limit, SearchCursor? after = null) => new(name, null, null, null, null, null, limit, after);

    [Fact]
    public async Task A_full_page_ends_with_a_cursor_after_its_last_hit()
    {
        var exact = ElasticsearchMappingTests.Person() with { Name = "王五" };
        var prefix = ElasticsearchMappingTests.Person() with { Name = "王五一", PublicationDate = new DateOnly(2025, 4, 1) };
        var beyond = ElasticsearchMappingTests.Person() with { Name = "小王五" };
        var cluster = new ElasticsearchFakeCluster(_ => (200, Answer(Hit(exact, 2), Hit(prefix, 1), Hit(beyond, 0))));

        var page = await Search(cluster).SearchAsync(ByName("王五", limit: 2), TestContext.Current.CancellationToken);

        Assert.Equal([exact.ListingId, prefix.ListingId], page.Items.Select(i => i.ListingId));
        // The cursor any engine gives out: rank 1 (the name starts with the query), as PostgreSQL ranks it.
        Assert.True(SearchCursorCodec.TryDecode(page.NextCursor, out var cursor));
        Assert.Equal(new SearchCursor(1, new DateOnly(2025, 4, 1), prefix.ListingId), cursor);
        var call = Assert.Single(cluster.Calls);
        Assert.Equal($"/{Alias}/_search", call.Path.Split('?')[0]);
        Assert.Equal(3, (int)call.Json["size"]!);
    }

    [Fact]
    public async Task The_last_page_has_no_cursor()
    {
        var cluster = new ElasticsearchFakeCluster(_ => (200, Answer(Hit(ElasticsearchMappingTests.Person(), 2))));

        var page = await Search(cluster).SearchAsync(ByName("王五", limit: 2), TestContext.Current.CancellationToken);

        Assert.Single(page.Items);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task The_full_id_number_never_reaches_a_caller_even_if_the_index_returned_it()
    {
        // The mapping keeps it out of _source; this is what happens if an old index still had it.
        var cluster = new ElasticsearchFakeCluster(_ => (200, Answer(Hit(ElasticsearchMappingTests.Person(), 0))));

        var page = await Search(cluster).SearchAsync(new PublicSearchQuery(null, "11010519491231002X", null, null, null, null, 10, null), TestContext.Current.CancellationToken);

        var listing = Assert.Single(page.Items);
        Assert.Equal("1101051949****002X", listing.MaskedId);
        Assert.DoesNotContain("11010519491231002X", JsonSerializer.Serialize(page));
    }

    [Fact]
    public async Task Finding_a_listing_reads_it_in_real_time_without_the_full_id()
    {
        var document = ElasticsearchMappingTests.Person();
        var cluster = new ElasticsearchFakeCluster(_ => (200, new JsonObject
        {
            ["_index"] = Alias,
            ["_id"] = document.ListingId.ToString(),
            ["_version"] = 3,
            ["found"] = true,
            ["_source"] = Hit(document, 0)["_source"]!.DeepClone(),
        }.ToJsonString()));

        var listing = await Search(cluster).FindAsync(document.ListingId, TestContext.Current.CancellationToken);

        Assert.Equal(document.ListingId, listing!.ListingId);
        Assert.Equal(75, listing.Age);
        var call = Assert.Single(cluster.Calls);
        Assert.Equal(("GET", $"/{Alias}/_doc/{document.ListingId}"), (call.Method, call.Path.Split('?')[0]));
        Assert.Contains("_source_excludes=id_number", call.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_listing_is_not_found()
    {
        var tombstone = ListingDocument.Tombstone(Guid.NewGuid(), "p:x", 4);
        var cluster = new ElasticsearchFakeCluster(_ => (200, new JsonObject
        {
            ["_index"] = Alias,
            ["_id"] = tombstone.ListingId.ToString(),
            ["_version"] = 4,
            ["found"] = true,
            ["_source"] = JsonNode.Parse("""{"listing_id":"00000000-0000-0000-0000-000000000000","subject_key":"p:x","subject_version":4,"status":"removed"}"""),
        }.ToJsonString()));

        Assert.Null(await Search(cluster).FindAsync(tombstone.ListingId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_listing_never_indexed_is_not_found()
    {
        var id = Guid.NewGuid();
        var cluster = new ElasticsearchFakeCluster(_ => (404, $$"""{"_index":"{{Alias}}","_id":"{{id}}","found":false}"""));

        Assert.Null(await Search(cluster).FindAsync(id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_missing_index_is_an_error_not_an_empty_answer()
    {
        var cluster = new ElasticsearchFakeCluster(_ => (404, """{"error":{"type":"index_not_found_exception","reason":"no such index [credit-public-listings]"},"status":404}"""));

        await Assert.ThrowsAsync<SearchUnavailableException>(() => Search(cluster).FindAsync(Guid.NewGuid(), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<SearchUnavailableException>(() => Search(cluster).SearchAsync(ByName("王五", 10), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(ClusterFailure.ConnectionRefused)]
    [InlineData(ClusterFailure.ServerError)]
    [InlineData(ClusterFailure.QueryQuotedInReason)]
    [InlineData(ClusterFailure.CutShortAnswer)]
    [InlineData(ClusterFailure.ProxyErrorPage)]
    public async Task A_cluster_that_cannot_answer_makes_search_unavailable_and_the_reason_never_names_the_id(ClusterFailure failure)
    {
        const string id = "11010519491231002X";
        var cluster = new ElasticsearchFakeCluster(_ => (200, Answer()));
        cluster.FailWith(failure);

        var searching = await Assert.ThrowsAsync<SearchUnavailableException>(() => Search(cluster).SearchAsync(
            new PublicSearchQuery(null, id, null, null, null, null, 10, null), TestContext.Current.CancellationToken));
        var finding = await Assert.ThrowsAsync<SearchUnavailableException>(() => Search(cluster).FindAsync(Guid.NewGuid(), TestContext.Current.CancellationToken));

        Assert.DoesNotContain(id, searching.Message, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("Elasticsearch failed a search: ", searching.Message, StringComparison.Ordinal);
        Assert.StartsWith("Elasticsearch failed getting listing ", finding.Message, StringComparison.Ordinal);
    }
}
