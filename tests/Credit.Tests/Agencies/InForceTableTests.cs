using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Agencies;

/// <summary>One rule decides whether a hold is in force on a day, and every reader applies it: border inspection's check
/// and batch check, its snapshot, its change feed and the hit reports it may file. The table runs exit bans whose first
/// and last days lie before, on and after the day the platform's clock is taken to.</summary>
public sealed class InForceTableTests(TestPostgres postgres) : IAsyncLifetime
{
    private readonly TravellingClock clock = new();
    private RunningPlatform platform = null!;

    public async ValueTask InitializeAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync(migrate: false);
        platform = await RunningPlatform.StartAsync(connectionString, builder => builder.Services.AddSingleton<TimeProvider>(clock));
    }

    public async ValueTask DisposeAsync() => await platform.DisposeAsync();

    /// <summary>First and last day relative to the day the clock is taken to (every pair a court may decide: the last day
    /// after the first), and whether border inspection stops the person that day.</summary>
    private static readonly (string Period, int First, int Last, bool InForce)[] Table =
    [
        ("started and ended before the day", -20, -3, false),
        ("started before, ends on the day", -20, 0, true),
        ("started before, ends after", -20, 10, true),
        ("starts on the day, ends after", 0, 10, true),
        ("starts and ends after the day", 5, 10, false),
    ];

    [Fact]
    public async Task Check_batch_snapshot_changes_and_hit_reports_agree_on_which_exit_bans_are_in_force_on_a_day()
    {
        var liwan = platform.Client(PlatformFixture.Liwan);
        var border = platform.Client(AgencyKeys.Border);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var day = today.AddDays(40);

        // Decided today, every ban starting later.
        var people = new List<(string Id, bool InForce, string Period)>();
        foreach (var (period, first, last, inForce) in Table)
        {
            var id = Identities.AdultResidentId();
            var ban = ExitBan(CaseNumber(), Date(day.AddDays(first)), Date(day.AddDays(last)));
            Assert.Equal(HttpStatusCode.Created, (await liwan.PostAsync($"{Person(id)}/exit-bans", ban)).StatusCode);
            people.Add((id, inForce, period));
        }
        await platform.AgencyIndexCaughtUpAsync();
        foreach (var (id, _, period) in people)
            Assert.True(await CheckAsync(border, id) == "Clear", $"{period}: no ban has started yet");
        var (before, _) = await SnapshotAsync(border);

        // The day comes.
        clock.MoveTo(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 30)), TimeSpan.FromHours(8)));

        // Checks, batches, snapshots and hit reports go by the clock at once, before any subject has recorded the day.
        var batch = await BatchAsync(border, [.. people.Select(p => p.Id)]);
        var (_, snapshot) = await SnapshotAsync(border);
        foreach (var (id, inForce, period) in people)
        {
            var expected = inForce ? "Hit" : "Clear";
            Assert.True(await CheckAsync(border, id) == expected, $"{period}: the check should answer {expected}");
            Assert.True(batch[id] == expected, $"{period}: the batch check should answer {expected}");
            Assert.True(snapshot.Contains(id) == inForce, $"{period}: the snapshot should {(inForce ? "" : "not ")}hold the person");
            var report = await border.PostAsJsonAsync(AgencyKeys.Path("border-inspection", "/hits"), Hit(id, day));
            Assert.True((report.StatusCode is HttpStatusCode.Created) == inForce,
                $"{period}: a hit report should be {(inForce ? "accepted" : "refused")}, was {(int)report.StatusCode}");
        }

        // Each subject records what the day changed (its reminder's work; reading the subject applies time too), and the
        // changes since the snapshot taken before the day bring that snapshot to the day's.
        foreach (var (id, _, _) in people)
            Assert.Equal(HttpStatusCode.OK, (await liwan.GetAsync(Person(id))).StatusCode);
        var followed = await FollowAsync(border, before, [.. people.Select(p => p.Id)]);
        foreach (var (id, inForce, period) in people)
            Assert.True(followed.Contains(id) == inForce, $"{period}: the change feed should {(inForce ? "add" : "not add")} the person");
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonObject Hit(string id, DateOnly day) => new()
    {
        ["reportId"] = $"BI-{Guid.NewGuid():N}",
        ["subject"] = id,
        ["measure"] = "X01",
        ["occurredAt"] = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)),
        ["place"] = "白云机场出境边防检查站",
        ["outcome"] = "Intercepted",
    };

    private static async Task<string> CheckAsync(HttpClient agency, string id)
    {
        var answer = await (await agency.GetAsync(AgencyKeys.Path("border-inspection", $"/checks/{id}"))).JsonAsync();
        return answer.GetProperty("status").GetString()!;
    }

    private static async Task<Dictionary<string, string>> BatchAsync(HttpClient agency, string[] ids)
    {
        var response = await agency.PostAsJsonAsync(AgencyKeys.Path("border-inspection", "/checks"), new { ids });
        var answer = await response.JsonAsync();
        return answer.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("status").GetString()!);
    }

    private static async Task<(long Position, HashSet<string> Ids)> SnapshotAsync(HttpClient agency)
    {
        var response = await agency.GetAsync(AgencyKeys.Path("border-inspection", "/snapshot"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var position = long.Parse(response.Headers.GetValues("Credit-Log-Position").Single(), CultureInfo.InvariantCulture);
        var ids = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("idNumber").GetString()!).ToHashSet();
        return (position, ids);
    }

    /// <summary>The people of <paramref name="watched"/> the agency holds after applying every change after <paramref name="after"/>,
    /// starting from a snapshot that held none of them.</summary>
    private static async Task<HashSet<string>> FollowAsync(HttpClient agency, long after, string[] watched)
    {
        var held = new HashSet<string>();
        while (true)
        {
            var page = await (await agency.GetAsync(AgencyKeys.Path("border-inspection", $"/changes?after={after}&limit=1000"))).JsonAsync();
            foreach (var change in page.GetProperty("changes").EnumerateArray())
            {
                var id = change.GetProperty("entry").GetProperty("idNumber").GetString()!;
                if (!watched.Contains(id))
                    continue;
                if (change.GetProperty("type").GetString() == "Removed")
                    Assert.True(held.Remove(id), $"{id} removed at {change.GetProperty("position")} but never added");
                else
                    held.Add(id);
            }
            var next = page.GetProperty("next").GetInt64();
            if (next == after)
                return held;
            after = next;
        }
    }
}
