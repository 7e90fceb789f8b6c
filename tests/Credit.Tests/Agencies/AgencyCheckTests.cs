using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Agencies;

/// <summary>Real-time checks over HTTP: each agency hears only of its own measures, per ID, in order.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AgencyCheckTests(PlatformFixture fixture)
{
    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);

    [Fact]
    public async Task A_listed_person_is_a_hit_for_railway_and_planning_with_the_court_and_case_and_clear_for_border_inspection()
    {
        var id = Identities.AdultResidentId();
        var caseNumber = CaseNumber();
        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(caseNumber))).StatusCode);

        var railway = await EventuallyAsync(AgencyKeys.Railway, "railway", id, "Hit");
        Assert.Equal(["C01"], railway.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("measure").GetString()!).ToArray());
        Assert.All(railway.GetProperty("hits").EnumerateArray(), hit =>
        {
            Assert.Equal("粤0103", hit.GetProperty("court").GetString());
            Assert.Equal(caseNumber, hit.GetProperty("caseNumber").GetString());
        });
        var planning = await EventuallyAsync(AgencyKeys.PlanningLand, "planning-land", id, "Hit");
        // Land and planning's listing measures (L01 and L03 in the shipped registry), each for the one case.
        Assert.All(planning.GetProperty("hits").EnumerateArray(), hit => Assert.Equal(caseNumber, hit.GetProperty("caseNumber").GetString()));
        Assert.Contains("L01", planning.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("measure").GetString()));
        await EventuallyAsync(AgencyKeys.Border, "border-inspection", id, "Clear");
    }

    [Fact]
    public async Task A_listed_persons_id_typed_in_full_width_digits_is_a_hit_and_finds_the_public_listing()
    {
        var id = Identities.AdultResidentId();
        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()))).StatusCode);
        var wide = string.Concat(id.Select(c => char.IsAsciiDigit(c) ? (char)(c - '0' + '０') : c == 'X' ? 'Ｘ' : c));

        await EventuallyAsync(AgencyKeys.Railway, "railway", wide, "Hit");
        await EventuallyAsync(AgencyKeys.Railway, "railway", $"{id[..6]} {id[6..14]} {id[14..]}", "Hit");
        var search = await fixture.Platform.Client().GetAsync($"/api/v1/public/listings?idNumber={Uri.EscapeDataString(wide)}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Single((await search.JsonAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_entitys_legal_representative_is_a_hit_for_consumption_measures_only()
    {
        var code = Identities.CreditCode();
        var representative = Identities.AdultResidentId();
        var caseNumber = CaseNumber();
        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Entity(code)}/listings", EntityListing(caseNumber, representative))).StatusCode);

        var railway = await EventuallyAsync(AgencyKeys.Railway, "railway", representative, "Hit");
        Assert.All(railway.GetProperty("hits").EnumerateArray(), hit => Assert.Equal(caseNumber, hit.GetProperty("caseNumber").GetString()));
        // The representative is restricted, not listed: land and planning's listing measure does not apply to them.
        await EventuallyAsync(AgencyKeys.PlanningLand, "planning-land", representative, "Clear");
        await EventuallyAsync(AgencyKeys.PlanningLand, "planning-land", code, "Hit");
    }

    [Fact]
    public async Task An_exit_ban_is_a_hit_for_border_inspection_until_it_is_lifted()
    {
        var id = Identities.AdultResidentId();
        var caseNumber = CaseNumber();
        var start = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var created = await Liwan.PostAsync($"{Person(id)}/exit-bans", ExitBan(caseNumber, start.ToString("yyyy-MM-dd"), start.AddMonths(3).ToString("yyyy-MM-dd")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var border = await EventuallyAsync(AgencyKeys.Border, "border-inspection", id, "Hit");
        Assert.Equal("X01", Assert.Single(border.GetProperty("hits").EnumerateArray()).GetProperty("measure").GetString());
        await EventuallyAsync(AgencyKeys.Railway, "railway", id, "Clear");

        var banId = (await created.JsonAsync()).GetProperty("id").GetString();
        var lifted = await Liwan.PostAsync($"{Person(id)}/exit-bans/{banId}/lifting", new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已全部履行" });
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        await EventuallyAsync(AgencyKeys.Border, "border-inspection", id, "Clear");
    }

    [Fact]
    public async Task A_batch_is_answered_in_order_with_invalid_and_unknown_ids_answered_per_item()
    {
        var listed = Identities.AdultResidentId();
        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Person(listed)}/listings", PersonListing(CaseNumber()))).StatusCode);
        await EventuallyAsync(AgencyKeys.Railway, "railway", listed, "Hit");
        var unknown = Identities.AdultResidentId();
        var badCheck = listed[..17] + (listed[17] == '0' ? '1' : '0');

        var response = await fixture.Platform.Client(AgencyKeys.Railway).PostAsJsonAsync(AgencyKeys.Path("railway", "/checks"),
            new { ids = new string?[] { listed, unknown, badCheck, "not an id", null, $"p:{listed}" } }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.JsonAsync()).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()!).ToArray();
        Assert.Equal(["Hit", "Clear", "Invalid", "Invalid", "Invalid", "Hit"], results);
    }

    [Fact]
    public async Task Every_check_says_when_its_index_was_last_confirmed_current_and_how_long_ago()
    {
        var railway = fixture.Platform.Client(AgencyKeys.Railway);
        var before = DateTimeOffset.UtcNow;
        await EventuallyAsync(AgencyKeys.Railway, "railway", Identities.AdultResidentId(), "Clear");

        foreach (var response in new[]
                 {
                     await railway.GetAsync(AgencyKeys.Path("railway", $"/checks/{Identities.AdultResidentId()}"), TestContext.Current.CancellationToken),
                     await railway.PostAsJsonAsync(AgencyKeys.Path("railway", "/checks"), new { ids = new[] { Identities.AdultResidentId() } }, TestContext.Current.CancellationToken),
                 })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var confirmed = DateTimeOffset.Parse(response.Headers.GetValues("Credit-Index-Confirmed").Single(), System.Globalization.CultureInfo.InvariantCulture);
            var age = int.Parse(response.Headers.GetValues("Credit-Index-Age").Single(), System.Globalization.CultureInfo.InvariantCulture);
            // The follower confirms the index every second while PostgreSQL answers.
            Assert.InRange(confirmed, before.AddSeconds(-3), DateTimeOffset.UtcNow);
            Assert.InRange(age, 0, 3);
        }
    }

    [Fact]
    public async Task A_batch_of_ten_thousand_is_answered_and_one_more_is_refused_naming_the_field()
    {
        var railway = fixture.Platform.Client(AgencyKeys.Railway);
        var ids = Enumerable.Range(0, 10_000).Select(_ => Identities.AdultResidentId()).ToArray();
        var answered = await railway.PostAsJsonAsync(AgencyKeys.Path("railway", "/checks"), new { ids }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(10_000, (await answered.JsonAsync()).GetProperty("results").GetArrayLength());

        var refused = await railway.PostAsJsonAsync(AgencyKeys.Path("railway", "/checks"), new { ids = ids.Append(ids[0]) }, TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblem(refused, HttpStatusCode.BadRequest, "ids");
        await ProblemAssert.IsProblem(await railway.PostAsJsonAsync(AgencyKeys.Path("railway", "/checks"), new { }, TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "ids");
    }

    [Fact]
    public async Task An_agency_cannot_use_another_agencys_routes_and_a_court_key_or_no_key_opens_none()
    {
        var id = Identities.AdultResidentId();
        var foreign = await fixture.Platform.Client(AgencyKeys.Railway).GetAsync(AgencyKeys.Path("border-inspection", $"/checks/{id}"), TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblem(foreign, HttpStatusCode.Forbidden, "agency");
        foreach (var path in new[] { "/snapshot", "/changes", $"/checks/{id}" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Platform.Client(AgencyKeys.Railway).GetAsync(AgencyKeys.Path("planning-land", path), TestContext.Current.CancellationToken)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Platform.Client().GetAsync(AgencyKeys.Path("railway", path), TestContext.Current.CancellationToken)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Platform.Client(PlatformFixture.Liwan).GetAsync(AgencyKeys.Path("railway", path), TestContext.Current.CancellationToken)).StatusCode);
        }
        // And an agency key opens no court route.
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Platform.Client(AgencyKeys.Railway).GetAsync(Person(id), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Hostile_feed_parameters_are_refused_naming_the_field()
    {
        var railway = fixture.Platform.Client(AgencyKeys.Railway);
        await ProblemAssert.IsProblem(await railway.GetAsync(AgencyKeys.Path("railway", "/changes?after=-1"), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "after");
        await ProblemAssert.IsProblem(await railway.GetAsync(AgencyKeys.Path("railway", "/changes?limit=100000"), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "limit");
        await ProblemAssert.IsProblem(await railway.GetAsync(AgencyKeys.Path("railway", "/changes?waitSeconds=3600"), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "waitSeconds");
        await ProblemAssert.IsProblem(await railway.GetAsync(AgencyKeys.Path("railway", "/changes?after=abc"), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "after");
        await ProblemAssert.IsProblem(await railway.GetAsync(AgencyKeys.Path("railway", "/snapshot?format=xml"), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "format");
        var malformed = new StringContent("{\"ids\": [1, 2", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await railway.PostAsync(AgencyKeys.Path("railway", "/checks"), malformed, TestContext.Current.CancellationToken)).StatusCode);
    }

    /// <summary>The check index follows the court's commit within milliseconds; wait for it, up to 10 s.</summary>
    private async Task<JsonElement> EventuallyAsync(string key, string agency, string id, string status)
    {
        var client = fixture.Platform.Client(key);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await client.GetAsync(AgencyKeys.Path(agency, $"/checks/{id}"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = await response.JsonAsync();
            if (result.GetProperty("status").GetString() == status)
                return result;
            Assert.True(DateTime.UtcNow < deadline, $"{agency} still answers {result} for {id}, expected {status}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
