using Credit.ReadModels.PublicListings;
using Credit.ReadModels.PublicListings.Elasticsearch;
using Credit.Tests.Infrastructure;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Credit.Tests.Publication;

/// <summary>The Elasticsearch engine against a real cluster and the real PostgreSQL read model: what the
/// public finds (§5.5), that an older event never overwrites a newer one, that removed listings never come
/// back, and that a rebuild swaps the alias. Runs where <c>ELASTICSEARCH_URL</c> names a cluster
/// (optionally <c>ELASTICSEARCH_USERNAME</c>/<c>ELASTICSEARCH_PASSWORD</c> or <c>ELASTICSEARCH_API_KEY</c>);
/// each test uses its own alias and database, and deletes its indexes.</summary>
public sealed class ElasticsearchEngineTests(TestPostgres postgres) : IAsyncLifetime
{
    private const string NoCluster = "ELASTICSEARCH_URL is not set: the Elasticsearch engine needs a real server, none can run on this machine";
    private static readonly string? ClusterUrl = Environment.GetEnvironmentVariable("ELASTICSEARCH_URL");

    private readonly string alias = $"credit-test-{Guid.NewGuid():N}";
    private ElasticsearchReadModel readModel = null!;
    private ServiceProvider services = null!;

    private ElasticsearchClient Client => services.GetRequiredService<ElasticsearchClient>();
    private IPublicSearch Search => services.GetRequiredService<IPublicSearch>();
    private ElasticsearchIndexer Indexer => services.GetServices<IHostedService>().OfType<ElasticsearchIndexer>().Single();
    private CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (string.IsNullOrEmpty(ClusterUrl))
            return;
        readModel = new ElasticsearchReadModel(await postgres.CreateDatabaseAsync());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Credit:Search:Elasticsearch:Url"] = ClusterUrl,
            ["Credit:Search:Elasticsearch:IndexAlias"] = alias,
            ["Credit:Search:Elasticsearch:Username"] = Environment.GetEnvironmentVariable("ELASTICSEARCH_USERNAME"),
            ["Credit:Search:Elasticsearch:Password"] = Environment.GetEnvironmentVariable("ELASTICSEARCH_PASSWORD"),
            ["Credit:Search:Elasticsearch:ApiKey"] = Environment.GetEnvironmentVariable("ELASTICSEARCH_API_KEY"),
            ["Credit:Search:Elasticsearch:NumberOfReplicas"] = "0",
        }).Build();
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(readModel.Database)
            .AddElasticsearchPublicSearch(configuration)
            .BuildServiceProvider();
        // The first build, as the indexer does it on its first start.
        await services.GetRequiredService<ElasticsearchReindexer>().RebuildAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (string.IsNullOrEmpty(ClusterUrl))
            return;
        var indexes = services.GetRequiredService<ListingIndexes>();
        foreach (var index in await indexes.BehindAliasAsync(alias, CancellationToken.None))
            await indexes.DeleteAsync(index, CancellationToken.None);
        await services.DisposeAsync();
        await readModel.Database.DisposeAsync();
    }

    /// <summary>Follows the change log to its end, then makes everything searchable.</summary>
    private async Task IndexAsync()
    {
        while (await Indexer.IndexNextBatchAsync(alias, Cancellation) != ElasticsearchIndexer.Progress.UpToDate)
        {
        }
        Assert.Equal(await readModel.HeadAsync(), await readModel.CheckpointAsync(alias));
        await Client.Indices.RefreshAsync(new RefreshRequest(alias), Cancellation);
    }

    private static string NewSubject() => "p:" + Guid.NewGuid().ToString("N");

    /// <summary>Names unique to the test, so tests sharing a cluster never see each other's listings.</summary>
    private static string Surname() => ((char)Random.Shared.Next(0x4E00, 0x9FA5)).ToString() + (char)Random.Shared.Next(0x4E00, 0x9FA5);

    private static TestListing Listing(string name, DateOnly? published = null, string court = "粤0103") => new(
        Guid.NewGuid(), name, Identities.AdultResidentId(), $"(2025)粤0103执{Identities.NextCaseSequence()}号", published ?? new DateOnly(2025, 3, 1),
        CourtCode: court, BirthDate: new DateOnly(1980, 5, 1));

    private async Task<TestListing> ListedAsync(TestListing listing, string? subject = null)
    {
        await readModel.ProjectAsync(subject ?? NewSubject(), 1, "Listed", listing.Id, listing);
        return listing;
    }

    private Task<PublicSearchPage> FindAsync(string? name = null, string? id = null, string? caseNumber = null, string? court = null,
        string? region = null, int limit = 20, SearchCursor? after = null) =>
        Search.SearchAsync(new PublicSearchQuery(name, id, caseNumber, court, region, null, limit, after), Cancellation);

    [Fact]
    public async Task The_whole_name_ranks_first_then_names_starting_with_it_then_names_containing_it()
    {
        Assert.SkipUnless(!string.IsNullOrEmpty(ClusterUrl), NoCluster);
        var name = Surname();
        var containing = await ListedAsync(Listing("小" + name, published: new DateOnly(2025, 6, 1)));
        var starting = await ListedAsync(Listing(name + "丰", published: new DateOnly(2025, 5, 1)));
        var exact = await ListedAsync(Listing(name, published: new DateOnly(2025, 1, 1)));
        await ListedAsync(Listing(Surname()));
        await IndexAsync();

        var page = await FindAsync(name);

        Assert.Equal([exact.Id, starting.Id, containing.Id], page.Items.Select(i => i.ListingId));
        Assert.Equal([starting.Id], (await FindAsync(name[1..] + "丰")).Items.Select(i => i.ListingId));
    }

    [Fact]
    public async Task A_fixed_term_listing_past_its_last_day_is_not_found_Art2()
    {
        Assert.SkipUnless(!string.IsNullOrEmpty(ClusterUrl), NoCluster);
        var name = Surname();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var current = await ListedAsync(Listing(name) with { PeriodEnd = today });
        var ended = await ListedAsync(Listing(name) with { PeriodEnd = today.AddDays(-1) });
        await IndexAsync();

        Assert.Equal([current.Id], (await FindAsync(name)).Items.Select(i => i.ListingId));
        Assert.Null(await Search.FindAsync(ended.Id, Cancellation));
    }

    [Fact]
    public async Task An_id_number_or_a_case_number_finds_exactly_its_listing_and_the_full_id_is_never_returned()
    {
        Assert.SkipUnless(!string.IsNullOrEmpty(ClusterUrl), NoCluster);
        var listing = await ListedAsync(Listing(Surname()));
        await ListedAsync(Listing(listing.Name));
        await IndexAsync();

        var byId = Assert.Single((await FindAsync(id: listing.IdNumber)).Items);
        var byCase = Assert.Single((await FindAsync(caseNumber: listing.CaseNumber)).Items);

        Assert.Equal(listing.Id, byId.ListingId);
        Assert.Equal(listing.Id, byCase.ListingId);
        Assert.Equal(string.Concat(listing.IdNumber.AsSpan(0, 10), "****", listing.IdNumber.AsSpan(14)), byId.MaskedId);
        var stored = await Client.GetAsync<ListingDocument>(new GetRequest(alias, listing.Id.ToString()), Cancellation);
        Assert.True(stored.Found);
        Assert.Null(stored.Source!.IdNumber); // not in _source at all, whoever asks
    }

    [Fact]
    public async Task Court_is_exact_and_region_is_a_court_code_prefix()
    {
        Assert.SkipUnless(!string.IsNullOrEmpty(ClusterUrl), NoCluster);
        var name = Surname();
        var liwan = await ListedAsync(Listing(name, court: "粤0103"));
        var intermediate = await ListedAsync(Listing(name, court: "粤01"));
        var shenzhen = await ListedAsync(Listing(name, court: "粤03"));
        await IndexAsync();

        Assert.Equal([liwan.Id], (await FindAsync(name, court: "粤0103")).Items.Select(i => i.ListingId));
        Assert.Equal([intermediate.Id, liwan.Id], (await FindAsync(name, region: "粤01")).Items.Select(i => i.ListingId).Order());
        Assert.Equal(3, (await FindAsync(name, region: "粤")).Items.Count);
        Assert.Contains(shenzhen.Id, (await FindAsync(name, region: "粤03")).Items.Select(i => i.ListingId));
    }

    [Fact]
    public async Task Pages_follow_each_other_by_cursor_without_gaps_or_repeats()
    {
        Assert.SkipUnless(!string.IsNullOrEmpty(ClusterUrl), NoCluster);
        var name = Surname();
        var listings = new List<TestListing>();
        for (var i = 0; i < 5; i++)
            listings.Add(await ListedAsync(Listing(name + (char)('甲' + i), published: new DateOnly(2025, 1, 1).AddDays(i % 2))));
        await IndexAsync();

        var seen = new List<Guid>();
        SearchCursor? after = null;
        do
        {
            var page = await FindAsync(name, limit: 2, after: after);
            seen.AddRange(page.Items.Select(i => i.ListingId));
            Assert.True(SearchCursorCodec.TryDecode(page.NextCursor, out after));
        }
        while (after is not null);

        Assert.Equal(listings.Select(l => l.Id).Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task An_older_version_never_overwrites_a_newer_one()
    {
        Assert.SkipUnless(!string.IsNullOrEmpty(ClusterUrl), NoCluster);
        var subject = NewSubject();
        var original = Listing(Surname());
        var corrected = original with { Name = Surname() };
        await readModel.ProjectAsync(subject, 1, "Listed", original.Id, original);
        await readModel.ProjectAsync(subject, 2, "ListingCorrected", corrected.Id, corrected);
        await IndexAsync();

        // A late write of the subject's first state, as a slow indexer or an old replay would send it.
        var late = ElasticsearchMappingTests.Person(original.Id) with { SubjectKey = subject, SubjectVersion = 1, Name = original.Name };
        var outcome = await services.GetRequiredService<ListingBulkWriter>().WriteAsync(alias, [late], Cancellation);
        await Client.Indices.RefreshAsync(new RefreshRequest(alias), Cancellation);

        Assert.True(outcome.IsComplete);
        Assert.Equal(1, outcome.AlreadyNewer);
        Assert.Equal(corrected.Name, (await Search.FindAsync(original.Id, Cancellation))!.Name);
        Assert.Empty((await FindAsync(original.Name)).Items);
    }

    [Fact]
    public async Task A_removed_listing_never_appears_again_even_when_its_older_state_is_written_late()
    {
        Assert.SkipUnless(!string.IsNullOrEmpty(ClusterUrl), NoCluster);
        var subject = NewSubject();
        var listing = Listing(Surname());
        await readModel.ProjectAsync(subject, 1, "Listed", listing.Id, listing);
        await IndexAsync();
        Assert.Single((await FindAsync(listing.Name)).Items);

        await readModel.ProjectAsync(subject, 2, "ListingRemoved", listing.Id);
        await IndexAsync();
        var late = ElasticsearchMappingTests.Person(listing.Id) with { SubjectKey = subject, SubjectVersion = 1, Name = listing.Name };
        await services.GetRequiredService<ListingBulkWriter>().WriteAsync(alias, [late], Cancellation);
        await Client.Indices.RefreshAsync(new RefreshRequest(alias), Cancellation);

        Assert.Empty((await FindAsync(listing.Name)).Items);
        Assert.Empty((await FindAsync(id: listing.IdNumber)).Items);
        Assert.Null(await Search.FindAsync(listing.Id, Cancellation));
        var stored = await Client.GetAsync<ListingDocument>(new GetRequest(alias, listing.Id.ToString()), Cancellation);
        Assert.Equal((ListingFields.Removed, 2L), (stored.Source!.Status, stored.Version ?? 0)); // soft-deleted, never deleted
    }

    [Fact]
    public async Task A_rebuild_swaps_the_alias_to_a_new_index_and_deletes_the_old_one()
    {
        Assert.SkipUnless(!string.IsNullOrEmpty(ClusterUrl), NoCluster);
        var listing = await ListedAsync(Listing(Surname()));
        await IndexAsync();
        var indexes = services.GetRequiredService<ListingIndexes>();
        var before = Assert.Single(await indexes.BehindAliasAsync(alias, Cancellation));

        var result = await services.GetRequiredService<ElasticsearchReindexer>().RebuildAsync(Cancellation);

        Assert.Equal([result.Index], await indexes.BehindAliasAsync(alias, Cancellation));
        Assert.NotEqual(before, result.Index);
        Assert.Equal([before], result.Replaced);
        Assert.False((await Client.Indices.ExistsAsync(new Elastic.Clients.Elasticsearch.IndexManagement.ExistsRequest(before), Cancellation)).Exists);
        Assert.Equal([listing.Id], (await FindAsync(listing.Name)).Items.Select(i => i.ListingId));
    }
}
