using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.ReadModels.ApiKeys;
using Credit.ReadModels.Screens;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Screens;

/// <summary>A platform with a channel file of its own: each test's channel selects a region of its own (the region digits
/// of the IDs it lists), so tests sharing the platform never see each other's listings. Its clock can travel, to take a
/// channel to its next rotation period.</summary>
public sealed class ScreenFixture(TestPostgres postgres) : IAsyncLifetime
{
    public const string OperatorKey = "test-metro-key";
    public const string OtherOperatorKey = "other-operator-key";

    private readonly string folder = Directory.CreateTempSubdirectory("credit-screens-").FullName;

    public RunningPlatform Platform { get; private set; } = null!;

    public TravellingClock Clock { get; } = new();

    public string ConnectionString { get; private set; } = "";

    public string ChannelFile => Path.Combine(folder, "channels.json");

    /// <summary>The channels, each showing the region its tests list in, every one polled each second.</summary>
    private static readonly IReadOnlyList<(string Code, string Region, JsonObject Settings)> Channels =
    [
        ("api", "110101", new JsonObject { ["photos"] = true }),
        ("photos", "110102", new JsonObject { ["photos"] = true }),
        ("no-photos", "110102", new JsonObject { ["photos"] = false }),
        ("selective", "110105", new JsonObject
        {
            ["selection"] = new JsonObject
            {
                ["regions"] = new JsonArray("110105"), ["minimumAmountOwed"] = 50000, ["personsOnly"] = true, ["photoRequired"] = true,
            },
        }),
        ("rotation", "110106", new JsonObject { ["rotationPeriod"] = "00:01:00", ["playlistSize"] = 3 }),
        ("display", "110107", new JsonObject { ["slideSeconds"] = 3, ["photos"] = true }),
    ];

    public static string RegionOf(string channel) => Channels.Single(c => c.Code == channel).Region;

    public async ValueTask InitializeAsync()
    {
        var channels = new JsonArray();
        foreach (var (code, region, settings) in Channels)
        {
            var channel = new JsonObject
            {
                ["code"] = code, ["nameZh"] = $"测试{code}线", ["nameEn"] = $"Test {code}", ["operator"] = "test-metro",
                ["selection"] = new JsonObject { ["regions"] = new JsonArray(region) },
                ["rotationPeriod"] = "1.00:00:00", ["playlistSize"] = 50, ["slideSeconds"] = 8, ["pollSeconds"] = 1,
            };
            foreach (var (name, value) in settings)
                channel[name] = value?.DeepClone();
            channels.Add(channel);
        }
        channels.Add(new JsonObject
        {
            ["code"] = "other", ["nameZh"] = "别家频道", ["operator"] = "other-operator", ["rotationPeriod"] = "1.00:00:00", ["playlistSize"] = 5,
            ["slideSeconds"] = 8, ["pollSeconds"] = 1,
        });
        var file = new JsonObject
        {
            ["operators"] = new JsonArray(
                new JsonObject { ["code"] = "test-metro", ["nameZh"] = "测试地铁" },
                new JsonObject { ["code"] = "other-operator", ["nameZh"] = "另一运营单位" }),
            ["channels"] = channels,
        };
        await File.WriteAllTextAsync(ChannelFile, file.ToJsonString());
        ConnectionString = await postgres.CreateDatabaseAsync(migrate: true);
        await using (var database = NpgsqlDataSource.Create(ConnectionString))
        {
            await ScreenOperatorKeys.AddAsync(database, "test-metro", OperatorKey, "test screens");
            await ScreenOperatorKeys.AddAsync(database, "other-operator", OtherOperatorKey, "other screens");
        }
        Platform = await StartAsync();
    }

    private Task<RunningPlatform> StartAsync() => RunningPlatform.StartAsync(ConnectionString,
        builder => builder.Services.AddSingleton<TimeProvider>(Clock), seedDemoKeys: true, "--Credit:Screens:ChannelFile", ChannelFile);

    public async Task RestartAsync()
    {
        await Platform.DisposeAsync();
        Platform = await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Platform.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    public HttpClient Court => Platform.Client(PlatformFixture.Liwan);

    public HttpClient Screens => Platform.Client(OperatorKey);

    /// <summary>Lists a person whose ID was issued in <paramref name="region"/>; returns the ID and the listing's id.</summary>
    public async Task<(string Id, Guid ListingId)> ListAsync(string region, string name, decimal amountOwed = 100_000.50m)
    {
        var id = Identities.AdultResidentIdIn(region);
        var body = PersonListing(CaseNumber(), name);
        body["amountOwed"] = amountOwed;
        var response = await Court.PostAsync($"{Person(id)}/listings", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (id, (await response.JsonAsync()).GetProperty("id").GetGuid());
    }

    public async Task RemoveAsync(string id, Guid listingId)
    {
        var response = await Court.PostAsync($"{Person(id)}/listings/{listingId}/removal",
            new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已全部履行" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task<JsonElement> PlaylistAsync(string channel, HttpClient? client = null)
    {
        var response = await (client ?? Screens).GetAsync($"/api/v1/screens/{channel}/playlist");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    public static IReadOnlyList<Guid> SlideIds(JsonElement playlist) =>
        [.. playlist.GetProperty("slides").EnumerateArray().Select(s => s.GetProperty("listingId").GetGuid())];

    /// <summary>Waits until the screens' index holds every one of <paramref name="listings"/>.</summary>
    public async Task ScreensHoldAsync(IEnumerable<Guid> listings)
    {
        var index = Platform.Services.GetRequiredService<ScreenIndex>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!listings.All(l => index.Find(l) is not null))
        {
            Assert.True(DateTime.UtcNow < deadline, "the screens never took in the listings");
            await Task.Delay(20);
        }
    }

    /// <summary>Asks for the playlist until <paramref name="condition"/> holds, for at most <paramref name="patience"/>.</summary>
    public async Task<JsonElement> PlaylistWhenAsync(string channel, Func<JsonElement, bool> condition, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var response = await Screens.GetAsync($"/api/v1/screens/{channel}/playlist");
            // While the screens' listings load (after a start) the platform answers 503 with Retry-After, and a screen asks again.
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                await Task.Delay(100);
                continue;
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var playlist = await response.JsonAsync();
            if (condition(playlist))
                return playlist;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The playlist of {channel} never met the condition; it was {playlist}");
            await Task.Delay(50);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ScreenCollection : ICollectionFixture<ScreenFixture>
{
    public const string Name = "screens";
}
