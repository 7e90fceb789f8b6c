using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Tests.Agencies;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Api;

/// <summary>A legal representative is a person with one recorded name (list rules Arts. 6 and 9): the public entity listing, the
/// court's view, the person's own record and the agencies agree on it after every path a name can take.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ResponsiblePersonNameApiTests(PlatformFixture fixture)
{
    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);

    private static JsonObject Correction(JsonObject person) => new()
    {
        ["explanation"] = "法定代表人姓名更正",
        ["responsiblePersons"] = new JsonArray(person),
    };

    private async Task<long> HeadAsync()
    {
        var railway = fixture.Platform.Client(AgencyKeys.Railway);
        var batch = await railway.PostAsync(AgencyKeys.Path("railway", "/checks"), new JsonObject { ["ids"] = new JsonArray("11010519491231002X") });
        return (await batch.JsonAsync()).GetProperty("position").GetInt64();
    }

    /// <summary>Waits until the agency's latest change for the ID satisfies <paramref name="expected"/>.</summary>
    private async Task<JsonElement> LatestEntryAsync(string key, string agency, long after, string idNumber, Func<JsonElement, bool> expected)
    {
        var client = fixture.Platform.Client(key);
        JsonElement? latest = null;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var page = await (await client.GetAsync(AgencyKeys.Path(agency, $"/changes?after={after}&limit=1000&waitSeconds=1"))).JsonAsync();
            foreach (var change in page.GetProperty("changes").EnumerateArray().Where(c => c.GetProperty("entry").GetProperty("idNumber").GetString() == idNumber))
                latest = change.GetProperty("entry");
            after = page.GetProperty("next").GetInt64();
            if (latest is { } entry && expected(entry))
                return entry;
            Assert.True(DateTime.UtcNow < deadline, $"{agency} last said {latest} of {idNumber}");
        }
    }

    private async Task<string?> PublicRepresentativeAsync(string listingId) =>
        (await (await fixture.Platform.Client().GetAsync($"/api/v1/public/listings/{listingId}")).JsonAsync()).GetProperty("legalRepresentative").GetString();

    private async Task AgreeAsync(string code, string listingId, string person, long after, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await PublicRepresentativeAsync(listingId) != name)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the public entity listing does not show {name}");
            await Task.Delay(50);
        }
        var court = await (await Liwan.GetAsync(Entity(code))).JsonAsync();
        var listing = court.GetProperty("listings").EnumerateArray().Single(l => l.GetProperty("id").GetString() == listingId);
        Assert.Equal(name, listing.GetProperty("responsiblePersons")[0].GetProperty("name").GetString());
        Assert.Equal(name, (await (await Liwan.GetAsync(Person(person))).JsonAsync()).GetProperty("profile").GetProperty("name").GetString());
        await LatestEntryAsync(AgencyKeys.Railway, "railway", after, person, e => e.GetProperty("name").GetString() == name);
        await LatestEntryAsync(AgencyKeys.PlanningLand, "planning-land", after, code,
            e => e.GetProperty("holds").EnumerateArray().Any(h => h.TryGetProperty("legalRepresentative", out var shown) && shown.GetString() == name));
    }

    [Fact]
    public async Task A_representatives_name_is_one_name_on_the_public_list_with_the_court_and_with_the_agencies_Art6_Art9()
    {
        var (code, otherCode, person) = (Identities.CreditCode(), Identities.CreditCode(), Identities.AdultResidentId());
        var after = await HeadAsync();
        var body = EntityListing(CaseNumber(), person);
        body["responsiblePersons"] = new JsonArray(Responsible("LegalRepresentative", person, "孙七"));
        var created = await Liwan.PostAsync($"{Entity(code)}/listings", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var listingId = (await created.JsonAsync()).GetProperty("id").GetString()!;
        await AgreeAsync(code, listingId, person, after, "孙七");

        // The entity's correction may not give the person another name: that would publish one name and hold another.
        var renaming = await Liwan.PostAsync($"{Entity(code)}/listings/{listingId}/corrections", Correction(Responsible("LegalRepresentative", person, "孙琪")));
        Assert.Contains("name-correction", (await ProblemAssert.IsProblem(renaming, HttpStatusCode.Conflict, "responsiblePersons[0].name")).GetRawText());

        // Corrected on the person, the name reaches the entity's listing, the public list and both agencies.
        var corrected = await Liwan.PostAsync($"{Person(person)}/name-correction", new JsonObject { ["name"] = "孙琪", ["explanation"] = "身份证姓名为孙琪" });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        await AgreeAsync(code, listingId, person, after, "孙琪");
        var history = await (await Liwan.GetAsync($"{Entity(code)}/history")).JsonAsync();
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("kind").GetString() == "ListingCorrected" && h.GetRawText().Contains("孙琪", StringComparison.Ordinal));

        // A second entity names the same person under the recorded name only.
        var second = EntityListing(CaseNumber(), person, "广州另一贸易有限公司");
        second["responsiblePersons"] = new JsonArray(Responsible("LegalRepresentative", person, "赵陆"));
        await ProblemAssert.IsProblem(await Liwan.PostAsync($"{Entity(otherCode)}/listings", second), HttpStatusCode.Conflict, "responsiblePersons[0].name");
        second["responsiblePersons"] = new JsonArray(Responsible("LegalRepresentative", person, "孙琪"));
        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Entity(otherCode)}/listings", second)).StatusCode);
        await AgreeAsync(code, listingId, person, after, "孙琪");

        // The entity's own name, corrected, reaches the person's restriction that names it.
        var renamed = await Liwan.PostAsync($"{Entity(code)}/name-correction", new JsonObject { ["name"] = "广州某某商贸有限公司", ["explanation"] = "营业执照名称" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var restrictions = (await (await Liwan.GetAsync(Person(person))).JsonAsync()).GetProperty("restrictions").EnumerateArray();
        Assert.Contains(restrictions, r => r.GetProperty("representedEntity").GetString() == $"e:{code}"
            && r.GetProperty("representedEntityName").GetString() == "广州某某商贸有限公司");
    }
}
