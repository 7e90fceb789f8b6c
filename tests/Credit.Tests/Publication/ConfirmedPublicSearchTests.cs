using System.Text.Json.Nodes;
using Credit.ReadModels.PublicListings;
using Credit.ReadModels.PublicListings.Elasticsearch;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Credit.Tests.Publication;

/// <summary>On Elasticsearch, a listing removed or corrected a moment ago may still be in the index as it was. The
/// public must still never see it: the index's hits are confirmed against the real PostgreSQL read model. The
/// cluster's answers are the test's (no Elasticsearch server runs here); the read model is real.</summary>
public sealed class ConfirmedPublicSearchTests(TestPostgres postgres) : IAsyncLifetime
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2025, 6, 16, 2, 0, 0, TimeSpan.Zero));
    private ElasticsearchReadModel readModel = null!;

    public async ValueTask InitializeAsync() => readModel = new ElasticsearchReadModel(await postgres.CreateDatabaseAsync());

    public async ValueTask DisposeAsync() => await readModel.Database.DisposeAsync();

    [Fact]
    public async Task A_hit_removed_from_the_read_model_is_left_out_and_a_corrected_one_is_shown_as_corrected()
    {
        var (kept, removed, corrected) = (Listing("王建国"), Listing("王建军"), Listing("王建华"));
        var keys = new[] { Key(), Key(), Key() };
        await readModel.ProjectAsync(keys[0], 1, "Listed", kept.Id, kept);
        await readModel.ProjectAsync(keys[1], 1, "Listed", removed.Id, removed);
        await readModel.ProjectAsync(keys[2], 1, "Listed", corrected.Id, corrected);
        // What the index still holds: the three as first listed.
        var indexed = await new PublicReadModel(readModel.Database).ListingsAsync([kept.Id, removed.Id, corrected.Id], TestContext.Current.CancellationToken);
        await readModel.ProjectAsync(keys[1], 2, "Removed", removed.Id);
        await readModel.ProjectAsync(keys[2], 2, "Corrected", corrected.Id, corrected with { Name = "王建华(更正)" });
        var hits = new[] { kept.Id, removed.Id, corrected.Id }.Select((id, rank) => ElasticsearchSearchTests.Hit(indexed.Single(d => d.ListingId == id), 3 - rank)).ToArray();
        var answer = ElasticsearchSearchTests.Answer(hits);
        var cluster = new ElasticsearchFakeCluster(_ => (200, answer));

        var page = await Search(cluster).SearchAsync(new PublicSearchQuery("王建", null, null, null, null, null, 2, null), TestContext.Current.CancellationToken);
        var unconfirmed = await Engine(cluster).SearchAsync(new PublicSearchQuery("王建", null, null, null, null, null, 2, null), TestContext.Current.CancellationToken);

        Assert.Equal([kept.Id, removed.Id], unconfirmed.Items.Select(l => l.ListingId));
        Assert.Equal([kept.Id], page.Items.Select(l => l.ListingId));
        Assert.Equal(unconfirmed.NextCursor, page.NextCursor);
        Assert.NotNull(page.NextCursor);

        var next = await Search(cluster).SearchAsync(new PublicSearchQuery("王建", null, null, null, null, null, 3, null), TestContext.Current.CancellationToken);
        Assert.Equal(["王建国", "王建华(更正)"], next.Items.Select(l => l.Name));
    }

    [Fact]
    public async Task Finding_a_listing_the_index_still_has_answers_as_the_read_model_does()
    {
        var (removed, corrected) = (Listing("李四"), Listing("李五"));
        var (removedKey, correctedKey) = (Key(), Key());
        await readModel.ProjectAsync(removedKey, 1, "Listed", removed.Id, removed);
        await readModel.ProjectAsync(correctedKey, 1, "Listed", corrected.Id, corrected);
        var indexed = await new PublicReadModel(readModel.Database).ListingsAsync([removed.Id, corrected.Id], TestContext.Current.CancellationToken);
        await readModel.ProjectAsync(removedKey, 2, "Removed", removed.Id);
        await readModel.ProjectAsync(correctedKey, 2, "Corrected", corrected.Id, corrected with { Name = "李伍" });
        var cluster = new ElasticsearchFakeCluster(call =>
        {
            var document = indexed.Single(d => call.Path.Contains(d.ListingId.ToString(), StringComparison.Ordinal));
            return (200, new JsonObject
            {
                ["_index"] = ElasticsearchSearchTests.Alias,
                ["_id"] = document.ListingId.ToString(),
                ["_version"] = 1,
                ["found"] = true,
                ["_source"] = ElasticsearchSearchTests.Hit(document, 0)["_source"]!.DeepClone(),
            }.ToJsonString());
        });

        Assert.NotNull(await Engine(cluster).FindAsync(removed.Id, TestContext.Current.CancellationToken));
        Assert.Null(await Search(cluster).FindAsync(removed.Id, TestContext.Current.CancellationToken));
        Assert.Equal("李伍", (await Search(cluster).FindAsync(corrected.Id, TestContext.Current.CancellationToken))!.Name);
    }

    private ConfirmedPublicSearch Search(ElasticsearchFakeCluster cluster) =>
        new(Engine(cluster), new PublicReadModel(readModel.Database), new PublicListingMapper(Clock));

    private static ElasticsearchPublicSearch Engine(ElasticsearchFakeCluster cluster) =>
        new(cluster.Client, new PublicListingMapper(Clock), Options.Create(ElasticsearchFakeCluster.Options(ElasticsearchSearchTests.Alias)), Clock);

    private static TestListing Listing(string name) =>
        new(Guid.NewGuid(), name, Identities.AdultResidentId(), $"(2025)粤0103执{Identities.NextCaseSequence()}号", new DateOnly(2025, 3, 1));

    private static string Key() => "p:" + Guid.NewGuid().ToString("N");
}
