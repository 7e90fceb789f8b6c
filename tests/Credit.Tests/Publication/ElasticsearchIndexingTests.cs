using Credit.ReadModels.ChangeLog;
using Credit.ReadModels.PublicListings.Elasticsearch;


namespace Credit.Tests.Publication;

/// <summary>What the indexer writes and how it reads Elasticsearch's answers, item by item. Runs everywhere:
/// the real client talks to <see cref="ElasticsearchFakeCluster"/>.</summary>
public sealed class ElasticsearchIndexingTests
{
    private static readonly DateOnly Published = new(2025, 3, 1);

    private static ListingBulkWriter Writer(ElasticsearchFakeCluster cluster) =>
        new(cluster.Client, Microsoft.Extensions.Options.Options.Create(ElasticsearchFakeCluster.Options("credit-public-listings")));

    [Fact]
    public async Task Every_listing_is_written_with_the_subject_version_as_external_version()
    {
        var cluster = new ElasticsearchFakeCluster(call => (200, ElasticsearchFakeCluster.BulkAnswer(call)));
        var listing = ElasticsearchMappingTests.Person() with { SubjectVersion = 7 };

        var outcome = await Writer(cluster).WriteAsync("credit-public-listings", [listing], TestContext.Current.CancellationToken);

        Assert.True(outcome.IsComplete);
        var call = Assert.Single(cluster.Calls);
        Assert.Equal(("POST", "/credit-public-listings/_bulk?require_alias=true"), (call.Method, call.Path));
        var action = call.Lines[0]["index"]!;
        Assert.Equal(listing.ListingId.ToString(), (string)action["_id"]!);
        Assert.Equal(7, (long)action["version"]!);
        Assert.Equal("external", (string)action["version_type"]!);
        Assert.Equal("11010519491231002X", (string)call.Lines[1]["id_number"]!); // indexed for exact search; the mapping keeps it out of _source
    }

    [Fact]
    public async Task A_name_with_rare_characters_and_the_middle_dot_is_indexed_as_written()
    {
        var cluster = new ElasticsearchFakeCluster(call => (200, ElasticsearchFakeCluster.BulkAnswer(call)));
        var listing = ElasticsearchMappingTests.Person() with { Name = "阿依\U00020BB7丽·买\U00031350提" };

        var outcome = await Writer(cluster).WriteAsync("credit-public-listings", [listing], TestContext.Current.CancellationToken);

        Assert.True(outcome.IsComplete);
        Assert.Equal("阿依𠮷丽·买\U00031350提", (string)Assert.Single(cluster.Calls).Lines[1]["name"]!);
    }

    [Fact]
    public async Task Only_writes_through_the_alias_require_it_so_a_missing_alias_is_never_created_as_an_index()
    {
        var cluster = new ElasticsearchFakeCluster(call => (200, ElasticsearchFakeCluster.BulkAnswer(call)));

        await Writer(cluster).WriteAsync("credit-public-listings-20250601-000000000", [ElasticsearchMappingTests.Person()], TestContext.Current.CancellationToken);

        Assert.Equal("/credit-public-listings-20250601-000000000/_bulk", Assert.Single(cluster.Calls).Path);
    }

    [Fact]
    public async Task A_tombstone_carries_the_removal_and_no_personal_data()
    {
        var cluster = new ElasticsearchFakeCluster(call => (200, ElasticsearchFakeCluster.BulkAnswer(call)));
        var tombstone = ListingDocument.Tombstone(Guid.NewGuid(), "p:11010519491231002X", 9);

        await Writer(cluster).WriteAsync("credit-public-listings", [tombstone], TestContext.Current.CancellationToken);

        var source = cluster.Calls[0].Lines[1].AsObject();
        Assert.Equal(["listing_id", "subject_key", "subject_version", "status"], source.Select(p => p.Key));
        Assert.Equal("removed", (string)source["status"]!);
        Assert.Equal(9, (long)cluster.Calls[0].Lines[0]["index"]!["version"]!);
    }

    [Fact]
    public async Task A_version_conflict_means_a_newer_version_is_indexed_and_is_not_a_failure()
    {
        var older = ElasticsearchMappingTests.Person();
        var cluster = new ElasticsearchFakeCluster(call => (200, ElasticsearchFakeCluster.BulkAnswer(call, id => id == older.ListingId.ToString() ? 409 : 201)));

        var outcome = await Writer(cluster).WriteAsync("i", [older, ElasticsearchMappingTests.Person()], TestContext.Current.CancellationToken);

        Assert.True(outcome.IsComplete);
        Assert.Equal((1, 1), (outcome.Written, outcome.AlreadyNewer));
    }

    [Fact]
    public async Task A_bulk_answered_with_200_but_a_rejected_item_is_incomplete()
    {
        var rejected = ElasticsearchMappingTests.Person();
        var cluster = new ElasticsearchFakeCluster(call => (200, ElasticsearchFakeCluster.BulkAnswer(call, id => id == rejected.ListingId.ToString() ? 429 : 201)));

        var outcome = await Writer(cluster).WriteAsync("i", [ElasticsearchMappingTests.Person(), rejected], TestContext.Current.CancellationToken);

        Assert.False(outcome.IsComplete);
        var failure = Assert.Single(outcome.Failures);
        Assert.Contains(rejected.ListingId.ToString(), failure);
        Assert.Contains("429", failure);
    }

    [Fact]
    public async Task A_failed_bulk_call_is_incomplete()
    {
        var cluster = new ElasticsearchFakeCluster(_ => (503, """{"error":{"type":"cluster_block_exception","reason":"blocked"},"status":503}"""));

        var outcome = await Writer(cluster).WriteAsync("i", [ElasticsearchMappingTests.Person()], TestContext.Current.CancellationToken);

        Assert.False(outcome.IsComplete);
        Assert.Contains("cluster_block_exception", Assert.Single(outcome.Failures));
    }

    [Fact]
    public async Task A_bulk_answer_missing_items_is_incomplete()
    {
        var cluster = new ElasticsearchFakeCluster(_ => (200, """{"took":1,"errors":false,"items":[]}"""));

        var outcome = await Writer(cluster).WriteAsync("i", [ElasticsearchMappingTests.Person()], TestContext.Current.CancellationToken);

        Assert.False(outcome.IsComplete);
    }

    [Fact]
    public void A_batch_writes_each_subjects_current_listings_and_tombstones_the_ones_it_removed()
    {
        var kept = ElasticsearchMappingTests.Person() with { SubjectKey = "p:A", SubjectVersion = 5 };
        var removed = Guid.NewGuid();
        var restriction = Guid.NewGuid();
        ChangeLogEntry[] changes =
        [
            new(10, "p:A", "Listed", removed),
            new(11, "p:A", "Restricted", restriction),
            new(12, "p:A", "ListingRemoved", removed),
            new(13, "p:A", "ListingCorrected", kept.ListingId),
        ];
        var state = new SubjectsState([kept], new Dictionary<string, long> { ["p:A"] = 5 });

        var documents = SubjectDocuments.For(changes, state);

        Assert.Equal(2, documents.Count);
        Assert.Contains(kept, documents);
        var tombstone = Assert.Single(documents, d => d.Status == ListingFields.Removed);
        Assert.Equal((removed, 5L), (tombstone.ListingId, tombstone.SubjectVersion));
        Assert.DoesNotContain(documents, d => d.ListingId == restriction); // a consumption restriction is not a listing
    }

    [Fact]
    public void A_subject_whose_last_listing_went_is_tombstoned_at_its_projected_version()
    {
        var listing = Guid.NewGuid();
        ChangeLogEntry[] changes = [new(3, "e:91440101MA5CXXXX0X", "ListingExpired", listing)];
        var state = new SubjectsState([], new Dictionary<string, long> { ["e:91440101MA5CXXXX0X"] = 12 });

        var tombstone = Assert.Single(SubjectDocuments.For(changes, state));

        Assert.Equal((listing, 12L, ListingFields.Removed), (tombstone.ListingId, tombstone.SubjectVersion, tombstone.Status));
        Assert.Equal(Published, ElasticsearchMappingTests.Person().PublicationDate);
    }
}
