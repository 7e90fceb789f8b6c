using System.Text.Json.Nodes;
using Credit.ReadModels.PublicListings.Elasticsearch;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Credit.Tests.Publication;

/// <summary>The indexer and the rebuild on the real PostgreSQL read model, against a cluster whose answers
/// the test decides: what is written, and when the checkpoint may move. Runs everywhere.</summary>
public sealed class ElasticsearchIndexerTests(TestPostgres postgres) : IAsyncLifetime
{
    private readonly string alias = $"credit-test-{Guid.NewGuid():N}";
    private readonly List<string> behindAlias = [];
    private Func<string, int> bulkStatus = _ => 201;
    private ElasticsearchFakeCluster cluster = null!;
    private ElasticsearchReadModel readModel = null!;
    private ServiceProvider services = null!;

    public async ValueTask InitializeAsync()
    {
        readModel = new ElasticsearchReadModel(await postgres.CreateDatabaseAsync());
        cluster = new ElasticsearchFakeCluster(Answer);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Credit:Search:Elasticsearch:Url"] = "http://fake-cluster:9200",
            ["Credit:Search:Elasticsearch:IndexAlias"] = alias,
            ["Credit:Search:Elasticsearch:BatchSize"] = "100",
            ["Credit:Search:Elasticsearch:RebuildChunkSize"] = "2",
            ["Credit:Search:Elasticsearch:PollInterval"] = "00:00:00.050",
            ["Credit:Search:Elasticsearch:RetryDelay"] = "00:00:00.050",
        }).Build();
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(readModel.Database)
            .AddSingleton(cluster.Client)
            .AddElasticsearchPublicSearch(configuration)
            .BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await readModel.Database.DisposeAsync();
    }

    /// <summary>A cluster with one alias: the index APIs the engine uses, each answered as Elasticsearch does.</summary>
    private (int, string) Answer(ElasticsearchCall call)
    {
        var path = call.Path.Split('?')[0];
        lock (behindAlias)
        {
            if (call.Method == "GET" && path == $"/_alias/{alias}")
            {
                return behindAlias.Count == 0
                    ? (404, $$"""{"error":"alias [{{alias}}] missing","status":404}""")
                    : (200, new JsonObject(behindAlias.Select(i => KeyValuePair.Create(i, (JsonNode?)new JsonObject { ["aliases"] = new JsonObject { [alias] = new JsonObject() } }))).ToJsonString());
            }
            if (call.Method == "POST" && path == "/_aliases")
            {
                foreach (var action in call.Json["actions"]!.AsArray())
                {
                    if (action!["add"] is { } add)
                        behindAlias.Add((string)add["index"]!);
                    if (action["remove_index"] is { } remove)
                        behindAlias.Remove((string)remove["index"]!);
                }
                return (200, """{"acknowledged":true}""");
            }
        }
        if (path.EndsWith("/_bulk", StringComparison.Ordinal))
            return (200, ElasticsearchFakeCluster.BulkAnswer(call, bulkStatus));
        if (path.EndsWith("/_refresh", StringComparison.Ordinal))
            return (200, """{"_shards":{"total":1,"successful":1,"failed":0}}""");
        if (call.Method == "PUT")
            return (200, $$"""{"acknowledged":true,"shards_acknowledged":true,"index":"{{path.TrimStart('/')}}"}""");
        if (call.Method == "DELETE")
            return (200, """{"acknowledged":true}""");
        return (400, """{"error":{"type":"unexpected","reason":"the fake cluster does not know this call"},"status":400}""");
    }

    private ElasticsearchIndexer Indexer => services.GetServices<IHostedService>().OfType<ElasticsearchIndexer>().Single();

    private IEnumerable<(JsonNode Action, JsonNode Source)> Written() => cluster.Calls
        .Where(c => c.Path.Split('?')[0].EndsWith("/_bulk", StringComparison.Ordinal))
        .SelectMany(c => c.Lines.Chunk(2).Select(pair => (pair[0]["index"]!, pair[1])));

    private static TestListing Listing(string name) =>
        new(Guid.NewGuid(), name, Identities.AdultResidentId(), $"(2025)粤0103执{Identities.NextCaseSequence()}号", new DateOnly(2025, 3, 1));

    [Fact]
    public async Task The_checkpoint_moves_only_once_every_item_of_the_batch_is_indexed()
    {
        var first = Listing("张三");
        var second = Listing("李四");
        await readModel.ProjectAsync("p:a" + Guid.NewGuid().ToString("N"), 1, "Listed", first.Id, first);
        await readModel.ProjectAsync("p:b" + Guid.NewGuid().ToString("N"), 1, "Listed", second.Id, second);
        bulkStatus = id => id == second.Id.ToString() ? 429 : 201;

        var failed = await Indexer.IndexNextBatchAsync(alias, TestContext.Current.CancellationToken);

        Assert.Equal(ElasticsearchIndexer.Progress.Failed, failed);
        Assert.Equal(0, await readModel.CheckpointAsync(alias));

        bulkStatus = _ => 201;
        var retried = await Indexer.IndexNextBatchAsync(alias, TestContext.Current.CancellationToken);

        Assert.Equal(ElasticsearchIndexer.Progress.Advanced, retried);
        Assert.Equal(await readModel.HeadAsync(), await readModel.CheckpointAsync(alias));
        Assert.Equal(ElasticsearchIndexer.Progress.UpToDate, await Indexer.IndexNextBatchAsync(alias, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Conflicts_with_newer_versions_do_not_hold_the_checkpoint_back()
    {
        var listing = Listing("王五");
        await readModel.ProjectAsync("p:" + Guid.NewGuid().ToString("N"), 1, "Listed", listing.Id, listing);
        bulkStatus = _ => 409;

        Assert.Equal(ElasticsearchIndexer.Progress.Advanced, await Indexer.IndexNextBatchAsync(alias, TestContext.Current.CancellationToken));
        Assert.Equal(await readModel.HeadAsync(), await readModel.CheckpointAsync(alias));
    }

    [Fact]
    public async Task Each_subject_is_written_in_its_current_state_and_a_removed_listing_as_a_tombstone()
    {
        var subject = "p:" + Guid.NewGuid().ToString("N");
        var removed = Listing("赵六");
        var kept = Listing("赵六");
        await readModel.ProjectAsync(subject, 1, "Listed", removed.Id, removed);
        await readModel.ProjectAsync(subject, 2, "Listed", kept.Id, removed, kept);
        await readModel.ProjectAsync(subject, 3, "ListingRemoved", removed.Id, kept);

        await Indexer.IndexNextBatchAsync(alias, TestContext.Current.CancellationToken);

        var written = Written().ToList();
        Assert.Equal(2, written.Count); // three changes, one subject: its state now, not three replays
        var keptDocument = Assert.Single(written, w => (string)w.Action["_id"]! == kept.Id.ToString());
        Assert.Equal((3L, "active", "广州市荔湾区人民法院"), ((long)keptDocument.Action["version"]!, (string)keptDocument.Source["status"]!, (string)keptDocument.Source["court_name"]!));
        var tombstone = Assert.Single(written, w => (string)w.Action["_id"]! == removed.Id.ToString());
        Assert.Equal((3L, "removed"), ((long)tombstone.Action["version"]!, (string)tombstone.Source["status"]!));
        Assert.Null(tombstone.Source["name"]);
    }

    [Fact]
    public async Task A_rebuild_loads_every_listing_into_a_new_index_then_swaps_the_alias_and_deletes_the_old_one_at_once()
    {
        behindAlias.Add($"{alias}-old");
        var listings = Enumerable.Range(0, 5).Select(i => Listing($"陈{i}")).ToList();
        foreach (var listing in listings)
            await readModel.ProjectAsync("p:" + Guid.NewGuid().ToString("N"), 1, "Listed", listing.Id, listing);
        // The indexer had gone further than the rebuild will reach before the swap: it must write that part again.
        await new SearchCheckpoints(readModel.Database).TryAdvanceAsync(SearchCheckpoints.EngineFor(alias), 0, 99, TestContext.Current.CancellationToken);

        var result = await services.GetRequiredService<ElasticsearchReindexer>().RebuildAsync(TestContext.Current.CancellationToken);

        Assert.StartsWith($"{alias}-2", result.Index, StringComparison.Ordinal);
        Assert.Equal(5, result.Listings);
        Assert.Equal([$"{alias}-old"], result.Replaced);
        Assert.Equal([result.Index], behindAlias);
        Assert.Equal(listings.Select(l => l.Id.ToString()).Order(), Written().Select(w => (string)w.Action["_id"]!).Distinct().Order());
        Assert.Contains(cluster.Calls, c => c.Method == "PUT" && c.Path.StartsWith($"/{result.Index}", StringComparison.Ordinal));
        var swap = Assert.Single(cluster.Calls, c => c.Path.StartsWith("/_aliases", StringComparison.Ordinal));
        var expected = new JsonObject
        {
            ["actions"] = new JsonArray(
                new JsonObject { ["add"] = new JsonObject { ["alias"] = alias, ["index"] = result.Index } },
                new JsonObject { ["remove_index"] = new JsonObject { ["index"] = $"{alias}-old" } }),
        };
        Assert.True(JsonNode.DeepEquals(expected, swap.Json), swap.Body);
        Assert.Equal(await readModel.HeadAsync(), await readModel.CheckpointAsync(alias));
    }

    [Fact]
    public async Task On_first_start_the_indexer_builds_the_index_then_follows_the_change_log()
    {
        var before = Listing("周七");
        await readModel.ProjectAsync("p:" + Guid.NewGuid().ToString("N"), 1, "Listed", before.Id, before);

        await Indexer.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await Eventually(async () => behindAlias.Count == 1 && await readModel.CheckpointAsync(alias) == await readModel.HeadAsync());
            var after = Listing("吴八");
            await readModel.ProjectAsync("p:" + Guid.NewGuid().ToString("N"), 1, "Listed", after.Id, after);

            await Eventually(async () => await readModel.CheckpointAsync(alias) == await readModel.HeadAsync());
            Assert.Contains(Written(), w => (string)w.Action["_id"]! == after.Id.ToString());
            Assert.Contains(Written(), w => (string)w.Action["_id"]! == before.Id.ToString());
        }
        finally
        {
            await Indexer.StopAsync(CancellationToken.None);
        }
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 20 s");
            await Task.Delay(50);
        }
    }
}
