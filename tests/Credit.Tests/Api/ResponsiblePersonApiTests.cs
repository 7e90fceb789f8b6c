using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Tests.Agencies;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Api;

/// <summary>An entity's restriction reaches the people behind it (consumption rules Art. 3 ¶2), over HTTP.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ResponsiblePersonApiTests(PlatformFixture fixture)
{
    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);

    private static JsonObject PassportHolder(string role, string number, string name) => new()
    {
        ["role"] = role,
        ["name"] = name,
        ["documentType"] = "passport",
        ["number"] = number,
        ["sex"] = "Female",
        ["birthDate"] = "1978-04-05",
    };

    private static string PassportNumber() => $"E{Random.Shared.Next(10_000_000, 99_999_999)}";

    private async Task<JsonElement> SubjectAsync(string path) => await (await Liwan.GetAsync(path)).JsonAsync();

    private static JsonElement OnlyRestriction(JsonElement subject) => Assert.Single(subject.GetProperty("restrictions").EnumerateArray());

    private async Task<string> RailwayCheckAsync(string id, string status)
    {
        var railway = fixture.Platform.Client(AgencyKeys.Railway);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var result = await (await railway.GetAsync(AgencyKeys.Path("railway", $"/checks/{id}"))).JsonAsync();
            if (result.GetProperty("status").GetString() == status)
                return status;
            Assert.True(DateTime.UtcNow < deadline, $"the railway still answers {result} for {id}, expected {status}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Restricting_a_company_restricts_its_managers_so_they_no_longer_fly_consumption_rules_Art3_para2()
    {
        var code = Identities.CreditCode();
        var (representative, manager, passport) = (Identities.AdultResidentId(), Identities.AdultResidentId(), PassportNumber());
        var body = Restriction(CaseNumber(), "广州某某贸易有限公司");
        body["responsiblePersons"] = new JsonArray(Responsible("LegalRepresentative", representative, "李四"), Responsible("MainResponsiblePerson", manager, "王经理"),
            PassportHolder("ActualController", passport, "Jane Doe"));

        var created = await Liwan.PostAsync($"{Entity(code)}/restrictions", body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var restriction = await created.JsonAsync();
        Assert.Equal(["LegalRepresentative", "MainResponsiblePerson", "ActualController"],
            restriction.GetProperty("responsiblePersons").EnumerateArray().Select(p => p.GetProperty("role").GetString()));
        foreach (var (path, role) in new[] { (Person(representative), "LegalRepresentative"), (Person(manager), "MainResponsiblePerson"),
            ($"/api/v1/subjects/passport/{passport}", "ActualController") })
        {
            var personal = OnlyRestriction(await SubjectAsync(path));
            Assert.Equal(("ResponsiblePerson", role, $"e:{code}", "Active"), (personal.GetProperty("basis").GetString(), personal.GetProperty("role").GetString(),
                personal.GetProperty("representedEntity").GetString(), personal.GetProperty("status").GetString()));
        }
        Assert.Equal("Hit", await RailwayCheckAsync(manager, "Hit"));
        Assert.Equal("Hit", await RailwayCheckAsync($"pp:{passport}", "Hit"));

        // Lifting the company's restriction frees them all.
        var lifted = await Liwan.PostAsync($"{Entity(code)}/restrictions/{restriction.GetProperty("id").GetString()}/lifting",
            new JsonObject { ["reason"] = "CreditorConsent", ["explanation"] = "申请执行人同意解除" });
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        Assert.Equal("Lifted", OnlyRestriction(await SubjectAsync(Person(manager))).GetProperty("status").GetString());
        Assert.Equal("Clear", await RailwayCheckAsync(manager, "Clear"));
    }

    [Fact]
    public async Task A_new_legal_representative_is_a_correction_that_restricts_the_new_and_frees_the_old()
    {
        var code = Identities.CreditCode();
        var (old, successor) = (Identities.AdultResidentId(), Identities.AdultResidentId());
        var listing = await (await Liwan.PostAsync($"{Entity(code)}/listings", EntityListing(CaseNumber(), old))).JsonAsync();
        var listingPath = $"{Entity(code)}/listings/{listing.GetProperty("id").GetString()}";

        var corrected = await Liwan.PostAsync($"{listingPath}/corrections", new JsonObject
        {
            ["explanation"] = "法定代表人已变更",
            ["responsiblePersons"] = new JsonArray(Responsible("LegalRepresentative", successor, "赵六")),
        });

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("Active", (await corrected.JsonAsync()).GetProperty("status").GetString());
        var freed = OnlyRestriction(await SubjectAsync(Person(old)));
        Assert.Equal(("Lifted", "NoLongerResponsible"), (freed.GetProperty("status").GetString(), freed.GetProperty("lift").GetProperty("reason").GetString()));
        Assert.Equal("Active", OnlyRestriction(await SubjectAsync(Person(successor))).GetProperty("status").GetString());
        var history = (await SubjectAsync($"{Entity(code)}/history")).EnumerateArray().ToList();
        Assert.Equal("ListingCorrected", history[^1].GetProperty("kind").GetString());
        Assert.DoesNotContain(history, h => h.GetProperty("kind").GetString() == "ListingRemoved");
        // The public sees the new legal representative's name (Art. 6).
        var shown = await (await fixture.Platform.Client().GetAsync($"/api/v1/public/listings/{listing.GetProperty("id").GetString()}")).JsonAsync();
        Assert.Equal("赵六", shown.GetProperty("legalRepresentative").GetString());
    }

    [Fact]
    public async Task Exit_ban_for_a_company_debt_names_the_person_and_their_role_enforcement_interpretation_Art24()
    {
        var code = Identities.CreditCode();
        var id = Identities.AdultResidentId();
        var start = Today;
        var body = ExitBan(CaseNumber(), start, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture).AddMonths(3).ToString("yyyy-MM-dd"), "李四");
        body["forEntity"] = new JsonObject { ["creditCode"] = code, ["name"] = "广州某某贸易有限公司", ["role"] = "LegalRepresentative" };

        var created = await Liwan.PostAsync($"{Person(id)}/exit-bans", body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var forEntity = (await created.JsonAsync()).GetProperty("forEntity");
        Assert.Equal(($"e:{code}", "LegalRepresentative"), (forEntity.GetProperty("entity").GetString(), forEntity.GetProperty("role").GetString()));

        body["forEntity"]!["role"] = "ActualController";
        await ProblemAssert.IsProblem(await Liwan.PostAsync($"{Person(Identities.AdultResidentId())}/exit-bans", body), HttpStatusCode.BadRequest, "forEntity.role");
    }

    [Fact]
    public async Task A_responsible_person_named_by_an_invalid_document_is_refused_naming_the_field()
    {
        var code = Identities.CreditCode();
        var body = EntityListing(CaseNumber(), Identities.AdultResidentId());
        body["responsiblePersons"]!.AsArray().Add(new JsonObject { ["role"] = "ActualController", ["name"] = "某人", ["documentType"] = "resident-id", ["number"] = "12345" });

        await ProblemAssert.IsProblem(await Liwan.PostAsync($"{Entity(code)}/listings", body), HttpStatusCode.BadRequest, "responsiblePersons[1].number");
        Assert.Equal(HttpStatusCode.NotFound, (await Liwan.GetAsync(Entity(code))).StatusCode);
    }
}
