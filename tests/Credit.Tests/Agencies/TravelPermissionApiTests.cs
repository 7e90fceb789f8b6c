using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Agencies;

/// <summary>Necessary travel (consumption rules Art. 8): the court permits it, the agency's check shows the permission
/// beside the hit, and a report of letting the person through names the permission.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TravelPermissionApiTests(PlatformFixture fixture)
{
    private const string RailwayHits = "/api/v1/agencies/railway/hits";

    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);
    private HttpClient Railway => fixture.Platform.Client(AgencyKeys.Railway);

    private static string InDays(int days) => DateOnly.Parse(Today, System.Globalization.CultureInfo.InvariantCulture).AddDays(days).ToString("yyyy-MM-dd");

    private static JsonObject Permission(string measure = "C01", int from = 0, int until = 3) => new()
    {
        ["measure"] = measure,
        ["from"] = InDays(from),
        ["until"] = InDays(until),
        ["reason"] = "SeriousIllness",
        ["explanation"] = "父亲在上海住院手术，需乘飞机前往",
    };

    private async Task<(string Id, string RestrictionPath)> ListedPerson()
    {
        var id = Identities.AdultResidentId();
        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()))).StatusCode);
        var subject = await (await Liwan.GetAsync(Person(id))).JsonAsync();
        var restriction = Assert.Single(subject.GetProperty("restrictions").EnumerateArray()).GetProperty("id").GetString();
        return (id, $"{Person(id)}/restrictions/{restriction}");
    }

    /// <summary>A listed person with the court's permission; the permission's id and the person's resident ID.</summary>
    private async Task<(string PermissionId, string Id)> PermittedPerson(JsonObject permission)
    {
        var (id, restriction) = await ListedPerson();
        var granted = await Liwan.PostAsync($"{restriction}/permissions", permission);
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        return ((await granted.JsonAsync()).GetProperty("id").GetString()!, id);
    }

    private static JsonObject Report(string subject, string outcome, string? permissionId, string measure = "C01") => new()
    {
        ["reportId"] = $"RW-{Guid.NewGuid():N}",
        ["subject"] = subject,
        ["measure"] = measure,
        ["occurredAt"] = DateTimeOffset.UtcNow,
        ["place"] = "广州白云站 3号检票口",
        ["outcome"] = outcome,
        ["permissionId"] = permissionId,
    };

    /// <summary>The railway's check of the subject once the index shows the permission on <paramref name="measure"/>.</summary>
    private async Task<JsonElement> HitWithPermissionAsync(string id, string measure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var result = await (await Railway.GetAsync(AgencyKeys.Path("railway", $"/checks/{id}"))).JsonAsync();
            if (result.GetProperty("status").GetString() == "Hit"
                && result.GetProperty("hits").EnumerateArray().Any(h => h.GetProperty("measure").GetString() == measure && h.TryGetProperty("permission", out _)))
                return result;
            Assert.True(DateTime.UtcNow < deadline, $"the railway's check still answers {result}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Court_permits_necessary_travel_and_the_check_still_hits_and_shows_the_permission_Art8()
    {
        var (id, restriction) = await ListedPerson();

        // Star hotels (C02) first: the railway's measure (C01) is not permitted by it.
        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{restriction}/permissions", Permission("C02"))).StatusCode);
        var granted = await Liwan.PostAsync($"{restriction}/permissions", Permission());

        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        var permission = await granted.JsonAsync();
        Assert.Equal("C01", permission.GetProperty("measure").GetString());
        Assert.Equal("SeriousIllness", permission.GetProperty("reason").GetString());
        var check = await HitWithPermissionAsync(id, "C01");
        var travel = Assert.Single(check.GetProperty("hits").EnumerateArray(), h => h.GetProperty("measure").GetString() == "C01").GetProperty("permission");
        Assert.Equal(permission.GetProperty("id").GetString(), travel.GetProperty("id").GetString());
        Assert.Equal((InDays(0), InDays(3)), (travel.GetProperty("from").GetString(), travel.GetProperty("until").GetString()));
        Assert.False(travel.TryGetProperty("reason", out _), "the reason stays with the court");
        var history = await (await Liwan.GetAsync($"{Person(id)}/history")).JsonAsync();
        Assert.Equal("TravelPermitted", history.EnumerateArray().Last().GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("L01")] // a listing measure: not something a consumption restriction holds back
    [InlineData("Z99")]
    public async Task Permission_names_a_measure_that_follows_consumption_restrictions_Art8(string measure)
    {
        var (id, restriction) = await ListedPerson();

        await ProblemAssert.IsProblem(await Liwan.PostAsync($"{restriction}/permissions", Permission(measure)), HttpStatusCode.BadRequest, "measure");

        var subject = await (await Liwan.GetAsync(Person(id))).JsonAsync();
        Assert.Empty(subject.GetProperty("travelPermissions").EnumerateArray());
    }

    [Fact]
    public async Task Permission_starting_yesterday_is_refused_Art8()
    {
        var (_, restriction) = await ListedPerson();

        await ProblemAssert.IsProblem(await Liwan.PostAsync($"{restriction}/permissions", Permission(from: -1)), HttpStatusCode.BadRequest, "from");
    }

    [Fact]
    public async Task Another_court_may_not_permit_travel_under_Liwans_restriction()
    {
        var (_, restriction) = await ListedPerson();

        await ProblemAssert.IsProblem(await fixture.Platform.Client("demo-yuexiu-district-court").PostAsync($"{restriction}/permissions", Permission()),
            HttpStatusCode.Forbidden, "restrictionId");
    }

    [Fact]
    public async Task Letting_a_person_through_with_the_courts_permission_is_reported_with_it_Art8()
    {
        var (permissionId, id) = await PermittedPerson(Permission());

        var response = await Railway.PostAsJsonAsync(RailwayHits, Report(id, "AllowedWithCourtPermission", permissionId));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var hit = await response.JsonAsync();
        Assert.Equal(permissionId, hit.GetProperty("permissionId").GetString());
        Assert.Equal("粤0103", hit.GetProperty("court").GetString());
    }

    [Fact]
    public async Task Allowed_with_court_permission_without_naming_one_is_refused_Art8()
    {
        var (id, _) = await ListedPerson();

        await ProblemAssert.IsProblem(await Railway.PostAsJsonAsync(RailwayHits, Report(id, "AllowedWithCourtPermission", null)), HttpStatusCode.BadRequest, "permissionId");
    }

    [Fact]
    public async Task A_permission_is_named_only_when_the_person_was_let_through()
    {
        var (permissionId, id) = await PermittedPerson(Permission());

        await ProblemAssert.IsProblem(await Railway.PostAsJsonAsync(RailwayHits, Report(id, "Intercepted", permissionId)), HttpStatusCode.BadRequest, "permissionId");
    }

    [Fact]
    public async Task A_permission_that_does_not_exist_or_does_not_cover_the_measure_is_refused_Art8()
    {
        var (permissionId, id) = await PermittedPerson(Permission());

        await ProblemAssert.IsProblem(await Railway.PostAsJsonAsync(RailwayHits, Report(id, "AllowedWithCourtPermission", Guid.NewGuid().ToString())),
            HttpStatusCode.UnprocessableEntity, "permissionId");
    }

    [Fact]
    public async Task A_permission_for_another_measure_does_not_let_the_person_through_this_one_Art8()
    {
        var (hotels, id) = await PermittedPerson(Permission("C02"));

        await ProblemAssert.IsProblem(await Railway.PostAsJsonAsync(RailwayHits, Report(id, "AllowedWithCourtPermission", hotels)),
            HttpStatusCode.UnprocessableEntity, "permissionId");
    }

    [Fact]
    public async Task A_permission_for_later_days_does_not_cover_today_Art8()
    {
        var (permissionId, id) = await PermittedPerson(Permission(from: 2, until: 4));

        await ProblemAssert.IsProblem(await Railway.PostAsJsonAsync(RailwayHits, Report(id, "AllowedWithCourtPermission", permissionId)),
            HttpStatusCode.UnprocessableEntity, "permissionId");
    }
    [Fact]
    public async Task A_granted_permission_is_a_change_in_the_agencys_feed_and_is_in_its_snapshot_Art8()
    {
        var (id, restriction) = await ListedPerson();
        var before = await SnapshotPositionAsync();

        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{restriction}/permissions", Permission("C02"))).StatusCode);
        var granted = await Liwan.PostAsync($"{restriction}/permissions", Permission(until: 2));
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        var permissionId = (await granted.JsonAsync()).GetProperty("id").GetString();

        // An agency working from its loaded copy hears of the permission, and only of its own measure's (C01, not hotels' C02).
        var change = await ChangeWithPermissionAsync(id, before);
        Assert.Equal("Changed", change.GetProperty("type").GetString());
        var hold = Assert.Single(change.GetProperty("entry").GetProperty("holds").EnumerateArray());
        var permission = Assert.Single(hold.GetProperty("permissions").EnumerateArray());
        Assert.Equal((permissionId, "C01", InDays(0), InDays(2)),
            (permission.GetProperty("id").GetString(), permission.GetProperty("measure").GetString(),
                permission.GetProperty("from").GetString(), permission.GetProperty("until").GetString()));
        Assert.False(permission.TryGetProperty("reason", out _), "the reason stays with the court");

        var line = (await Railway.GetStringAsync(AgencyKeys.Path("railway", "/snapshot"))).Split('\n').Single(l => l.Contains(id, StringComparison.Ordinal));
        var inSnapshot = Assert.Single(JsonDocument.Parse(line).RootElement.GetProperty("holds")[0].GetProperty("permissions").EnumerateArray());
        Assert.Equal((permissionId, "C01"), (inSnapshot.GetProperty("id").GetString(), inSnapshot.GetProperty("measure").GetString()));
        var csv = (await Railway.GetStringAsync(AgencyKeys.Path("railway", "/snapshot?format=csv"))).Split('\n');
        var column = Array.IndexOf(csv[0].TrimStart('\uFEFF').Split(','), "permissions");
        Assert.True(column >= 0, $"no permissions column in {csv[0]}");
        Assert.Equal($"C01 {InDays(0)}/{InDays(2)} {permissionId}", csv.Single(l => l.Contains(id, StringComparison.Ordinal)).Split(',')[column]);
    }

    private async Task<long> SnapshotPositionAsync()
    {
        using var snapshot = await Railway.GetAsync(AgencyKeys.Path("railway", "/snapshot"), HttpCompletionOption.ResponseHeadersRead);
        return long.Parse(snapshot.Headers.GetValues("Credit-Log-Position").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The railway's first change of <paramref name="id"/> after <paramref name="after"/> whose holds carry a permission.</summary>
    private async Task<JsonElement> ChangeWithPermissionAsync(string id, long after)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var page = await (await Railway.GetAsync(AgencyKeys.Path("railway", $"/changes?after={after}&limit=1000&waitSeconds=2"))).JsonAsync();
            foreach (var change in page.GetProperty("changes").EnumerateArray())
            {
                var entry = change.GetProperty("entry");
                if (entry.GetProperty("idNumber").GetString() == id
                    && entry.GetProperty("holds").EnumerateArray().Any(h => h.TryGetProperty("permissions", out var p) && p.ValueKind == JsonValueKind.Array))
                    return change;
            }
            after = page.GetProperty("next").GetInt64();
        }
        throw new Xunit.Sdk.XunitException($"the railway's feed never carried the permission of {id}");
    }
}
