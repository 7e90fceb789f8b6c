using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using Npgsql;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Agencies;

/// <summary>Community posting is routed by region (荔政法〔2017〕72号 四(二十二)2: the district court gives each street office
/// the list of debtors registered there): a district's street offices receive, in their snapshot, feed, stream and checks,
/// only the subjects of their own area.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RegionalRoutingTests(PlatformFixture fixture)
{
    private const string Agency = "street-offices";
    private const string Yuexiu = "demo-yuexiu-district-court";

    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);

    private HttpClient LiwanStreetOffices => fixture.Platform.Client(AgencyKeys.LiwanStreetOffices);

    [Fact]
    public async Task Liwan_street_offices_receive_only_subjects_registered_in_liwan_in_snapshot_and_changes()
    {
        var from = await HeadAsync();
        var registeredInLiwan = Identities.AdultResidentIdIn("440103");
        var registeredInFormerFangcun = Identities.AdultResidentIdIn("440107");
        var registeredInHaizhu = Identities.AdultResidentIdIn("440105");
        var entityInLiwan = Identities.CreditCodeIn("440103");
        var entityInHaizhu = Identities.CreditCodeIn("440105");
        // Registered with the city rather than a district: the enforcing court's district is the best the platform knows.
        var entityOfTheCity = Identities.CreditCodeIn("440101");
        var passportAtLiwanCourt = Identities.PassportNumber();
        var passportAtYuexiuCourt = Identities.PassportNumber();
        foreach (var id in new[] { registeredInLiwan, registeredInFormerFangcun, registeredInHaizhu })
            await ListAsync(Liwan, Person(id), PersonListing(CaseNumber()));
        foreach (var code in new[] { entityInLiwan, entityInHaizhu, entityOfTheCity })
            await ListAsync(Liwan, Entity(code), EntityListing(CaseNumber(), Identities.AdultResidentIdIn("440105")));
        await ListAsync(Liwan, Passport(passportAtLiwanCourt), ForeignerListing(CaseNumber()));
        await ListAsync(fixture.Platform.Client(Yuexiu), Passport(passportAtYuexiuCourt), ForeignerListing(CaseNumber("粤0104")));
        string[] inLiwan = [registeredInLiwan, registeredInFormerFangcun, entityInLiwan, entityOfTheCity, passportAtLiwanCourt];
        string[] elsewhere = [registeredInHaizhu, entityInHaizhu, passportAtYuexiuCourt];

        await fixture.Platform.AgencyIndexCaughtUpAsync();
        var added = await AddedAfterAsync(from, [.. inLiwan, .. elsewhere]);
        var snapshot = await SnapshotAsync();

        Assert.Equal(inLiwan.Order(), added.Order());
        Assert.All(inLiwan, id => Assert.Contains(id, snapshot));
        Assert.All(elsewhere, id => Assert.DoesNotContain(id, snapshot));
        // The railway, which has no units, hears of all of them.
        var railway = await fixture.Platform.Client(AgencyKeys.Railway).GetStringAsync(AgencyKeys.Path("railway", "/snapshot"), TestContext.Current.CancellationToken);
        Assert.All([.. inLiwan, .. elsewhere], id => Assert.Contains(id, railway));
    }

    [Fact]
    public async Task A_posting_entry_carries_what_is_posted_and_removal_reaches_the_unit()
    {
        var from = await HeadAsync();
        var id = Identities.AdultResidentIdIn("440103");
        var caseNumber = CaseNumber();
        var listing = await ListAsync(Liwan, Person(id), PersonListing(caseNumber, "王五"));
        var entry = (await ChangesWhenAsync(from, id, "Added")).Single(c => c.GetProperty("entry").GetProperty("idNumber").GetString() == id);
        var hold = entry.GetProperty("entry").GetProperty("holds")[0];
        Assert.Equal("Added", entry.GetProperty("type").GetString());
        Assert.Equal("王五", entry.GetProperty("entry").GetProperty("name").GetString());
        Assert.Equal(["O01"], entry.GetProperty("entry").GetProperty("measures").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(caseNumber, hold.GetProperty("caseNumber").GetString());
        Assert.Equal(100000.50m, hold.GetProperty("amountOwed").GetDecimal());

        var removed = await Liwan.PostAsync($"{Person(id)}/listings/{listing}/removal", new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已全部履行" });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var changes = await ChangesWhenAsync(entry.GetProperty("position").GetInt64(), id, "Removed");
        Assert.Equal("Removed", changes.Single(c => c.GetProperty("entry").GetProperty("idNumber").GetString() == id).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_check_outside_the_units_area_is_answered_outside_area_whether_or_not_the_subject_is_listed()
    {
        var listedInLiwan = Identities.AdultResidentIdIn("440103");
        var listedInHaizhu = Identities.AdultResidentIdIn("440105");
        await ListAsync(Liwan, Person(listedInLiwan), PersonListing(CaseNumber()));
        await ListAsync(Liwan, Person(listedInHaizhu), PersonListing(CaseNumber()));
        var unlistedInLiwan = Identities.AdultResidentIdIn("440103");
        var unlistedInHaizhu = Identities.AdultResidentIdIn("440105");
        var unlistedPassport = $"pp:{Identities.PassportNumber()}";

        var results = await CheckAsync([listedInLiwan, listedInHaizhu, unlistedInLiwan, unlistedInHaizhu, unlistedPassport]);

        Assert.Equal(["Hit", "OutsideArea", "Clear", "OutsideArea", "OutsideArea"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("O01", results[0].GetProperty("hits")[0].GetProperty("measure").GetString());
        Assert.Empty(results[1].GetProperty("hits").EnumerateArray());
        var single = await LiwanStreetOffices.GetAsync(AgencyKeys.Path(Agency, $"/checks/{listedInHaizhu}"), TestContext.Current.CancellationToken);
        Assert.Equal("OutsideArea", (await single.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_unit_reports_postings_only_in_its_area_and_numbers_its_reports_on_its_own()
    {
        var inLiwan = Identities.AdultResidentIdIn("440103");
        var inHaizhu = Identities.AdultResidentIdIn("440105");
        await ListAsync(Liwan, Person(inLiwan), PersonListing(CaseNumber()));
        await ListAsync(Liwan, Person(inHaizhu), PersonListing(CaseNumber()));
        var haizhuKey = $"test-haizhu-street-offices-{Guid.NewGuid():N}";
        await AddKeyAsync(haizhuKey, "haizhu");
        var reportId = $"POST-{Guid.NewGuid():N}";

        var outside = await ReportAsync(LiwanStreetOffices, Posting(reportId, inHaizhu));
        var liwan = await ReportAsync(LiwanStreetOffices, Posting(reportId, inLiwan));
        var haizhu = await ReportAsync(fixture.Platform.Client(haizhuKey), Posting(reportId, inHaizhu));

        await ProblemAssert.IsProblem(outside, (HttpStatusCode)422, "subject");
        Assert.Equal(HttpStatusCode.Created, liwan.StatusCode);
        Assert.Equal("liwan", (await liwan.JsonAsync()).GetProperty("unit").GetString());
        Assert.Equal(HttpStatusCode.Created, haizhu.StatusCode);
        Assert.Equal("haizhu", (await haizhu.JsonAsync()).GetProperty("unit").GetString());
    }

    [Fact]
    public async Task A_key_of_an_agency_with_units_serves_nobody_without_a_unit_of_the_registry()
    {
        var wholeCity = $"test-street-offices-{Guid.NewGuid():N}";
        var unknownUnit = $"test-street-offices-{Guid.NewGuid():N}";
        var unitOfRailway = $"test-railway-{Guid.NewGuid():N}";
        await AddKeyAsync(wholeCity, unit: null);
        await AddKeyAsync(unknownUnit, "atlantis");
        await AddKeyAsync(unitOfRailway, "liwan", "railway");

        foreach (var (key, agency, rule) in new[] { (wholeCity, Agency, "names no unit"), (unknownUnit, Agency, "names unit 'atlantis'"), (unitOfRailway, "railway", "has no units") })
        {
            var response = await fixture.Platform.Client(key).GetAsync(AgencyKeys.Path(agency, "/changes"), TestContext.Current.CancellationToken);
            // The key was sent and is known: the answer says what is wrong with it, not to send one.
            var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, "X-Api-Key");
            Assert.Contains(rule, problem.GetProperty("rule").GetString(), StringComparison.Ordinal);
        }
    }

    private static string Passport(string number) => $"/api/v1/subjects/passport/{number}";

    private static JsonObject ForeignerListing(string caseNumber)
    {
        var body = PersonListing(caseNumber, "JOHN SMITH");
        body["subject"] = new JsonObject { ["name"] = "JOHN SMITH", ["sex"] = "Male", ["birthDate"] = "1975-05-05" };
        return body;
    }

    private static JsonObject Posting(string reportId, string subject) => new()
    {
        ["reportId"] = reportId,
        ["subject"] = subject,
        ["measure"] = "O01",
        ["occurredAt"] = DateTimeOffset.UtcNow.ToString("O"),
        ["place"] = "社区公告栏",
        ["outcome"] = "Other",
        ["note"] = "已张贴公示",
    };

    /// <summary>Lists the subject and returns the listing's id.</summary>
    private static async Task<string> ListAsync(HttpClient court, string subject, JsonObject listing)
    {
        var response = await court.PostAsync($"{subject}/listings", listing);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    /// <summary>The change-log position now: a court's change is in the feed before the court hears it was accepted.</summary>
    private async Task<long> HeadAsync()
    {
        using var snapshot = await LiwanStreetOffices.GetAsync(AgencyKeys.Path(Agency, "/snapshot"), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        return long.Parse(snapshot.Headers.GetValues("Credit-Log-Position").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<HashSet<string>> SnapshotAsync()
    {
        var text = await LiwanStreetOffices.GetStringAsync(AgencyKeys.Path(Agency, "/snapshot"), TestContext.Current.CancellationToken);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("idNumber").GetString()!)];
    }

    /// <summary>The unit's changes after <paramref name="after"/> up to the head, read page by page as its integration would.</summary>
    /// <summary>The changes after <paramref name="after"/> once one of them is <paramref name="type"/> for <paramref name="id"/>:
    /// the unit's feed follows the court's change a moment after its answer (at most 10 s here).</summary>
    private async Task<List<JsonElement>> ChangesWhenAsync(long after, string id, string type)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var changes = await ChangesAsync(after);
            if (changes.Any(c => c.GetProperty("entry").GetProperty("idNumber").GetString() == id && c.GetProperty("type").GetString() == type))
                return changes;
            Assert.True(DateTime.UtcNow < deadline, $"the unit's feed never gave {type} for the subject; it gave {changes.Count} other changes");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private async Task<List<JsonElement>> ChangesAsync(long after)
    {
        var head = await HeadAsync();
        var changes = new List<JsonElement>();
        while (after < head)
        {
            var page = await (await LiwanStreetOffices.GetAsync(AgencyKeys.Path(Agency, $"/changes?after={after}&limit=1000"), TestContext.Current.CancellationToken)).JsonAsync();
            changes.AddRange(page.GetProperty("changes").EnumerateArray());
            after = page.GetProperty("next").GetInt64();
        }
        return changes;
    }

    /// <summary>The subjects among <paramref name="ids"/> the unit's feed added after <paramref name="after"/>.</summary>
    private async Task<List<string>> AddedAfterAsync(long after, IReadOnlyList<string> ids) =>
        [.. (await ChangesAsync(after))
            .Where(c => c.GetProperty("type").GetString() == "Added")
            .Select(c => c.GetProperty("entry").GetProperty("idNumber").GetString()!)
            .Where(ids.Contains)];

    private async Task<List<JsonElement>> CheckAsync(string[] ids)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await LiwanStreetOffices.PostAsJsonAsync(AgencyKeys.Path(Agency, "/checks"), new { ids }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var results = (await response.JsonAsync()).GetProperty("results").EnumerateArray().ToList();
            // The index follows the courts' changes within moments.
            if (results[0].GetProperty("status").GetString() == "Hit" || attempt == 100)
                return results;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static Task<HttpResponseMessage> ReportAsync(HttpClient client, JsonObject report) =>
        client.PostAsJsonAsync(AgencyKeys.Path(Agency, "/hits"), report, TestContext.Current.CancellationToken);

    private async Task AddKeyAsync(string key, string? unit, string agency = Agency)
    {
        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        await global::Credit.ReadModels.ApiKeys.AgencyKeys.AddAsync(database, agency, key, "regional routing test", TestContext.Current.CancellationToken, unit);
    }
}
