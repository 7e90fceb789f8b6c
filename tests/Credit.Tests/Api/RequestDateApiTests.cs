using System.Net;
using System.Text.Json.Nodes;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Api;

/// <summary>Every date a request carries lies between 1900-01-01 and 2200-12-31; one outside is refused with a
/// 400 naming it, before any rule or date arithmetic sees it, and nothing is stored.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RequestDateApiTests(PlatformFixture fixture)
{
    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);

    [Fact]
    public async Task Correcting_a_fixed_term_listing_to_publication_date_9999_12_31_is_refused_naming_it_Art9()
    {
        var id = Identities.AdultResidentId();
        var body = PersonListing(CaseNumber());
        body["grounds"] = new JsonArray(new JsonObject { ["ground"] = "EvadesEnforcement", ["behaviour"] = "以虚假诉讼规避执行" });
        var created = await Liwan.PostAsync($"{Person(id)}/listings", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var listing = await created.JsonAsync();

        var correction = await Liwan.PostAsync($"{Person(id)}/listings/{listing.GetProperty("id").GetString()}/corrections",
            new JsonObject { ["explanation"] = "公布日期录入错误", ["publicationDate"] = "9999-12-31" });

        await ProblemAssert.IsProblem(correction, HttpStatusCode.BadRequest, "publicationDate");
        var stored = await (await Liwan.GetAsync(Person(id))).JsonAsync();
        Assert.Equal(listing.GetProperty("publicationDate").GetString(), stored.GetProperty("listings")[0].GetProperty("publicationDate").GetString());
    }

    [Theory]
    [InlineData("listings", "filingDate", "0001-01-01")]
    [InlineData("listings", "publicationDate", "9999-12-31")]
    [InlineData("listings", "publicationDate", "1899-12-31")]
    [InlineData("restrictions", "effectiveFrom", "2201-01-01")]
    [InlineData("exit-bans", "startDate", "0001-01-01")]
    [InlineData("exit-bans", "endDate", "9999-12-31")]
    public async Task A_date_outside_1900_to_2200_is_refused_naming_it(string feature, string field, string date)
    {
        var id = Identities.AdultResidentId();
        var body = feature switch
        {
            "listings" => PersonListing(CaseNumber()),
            "restrictions" => new JsonObject { ["subject"] = new JsonObject { ["name"] = "张三" }, ["caseNumber"] = CaseNumber(), ["effectiveFrom"] = Today },
            _ => ExitBan(CaseNumber(), Today, Today),
        };
        body[field] = date;

        var response = await Liwan.PostAsync($"{Person(id)}/{feature}", body);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, field);
        Assert.Contains("between 1900-01-01 and 2200-12-31", problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Liwan.GetAsync(Person(id))).StatusCode);
    }

    [Fact]
    public async Task A_passport_holders_birth_date_outside_the_window_is_refused_naming_it()
    {
        var body = new JsonObject
        {
            ["subject"] = new JsonObject { ["name"] = "John Smith", ["sex"] = "Male", ["birthDate"] = "0001-01-01" },
            ["caseNumber"] = CaseNumber(),
            ["effectiveFrom"] = Today,
        };

        var response = await Liwan.PostAsync($"/api/v1/subjects/passport/E{Random.Shared.Next(10_000_000, 99_999_999)}/restrictions", body);

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "subject.birthDate");
    }

    [Fact]
    public async Task Renewing_an_exit_ban_to_9999_12_31_is_refused_naming_the_new_end_date()
    {
        var id = Identities.AdultResidentId();
        var imposed = await Liwan.PostAsync($"{Person(id)}/exit-bans", ExitBan(CaseNumber(), Today, DateTime.UtcNow.AddHours(8).AddMonths(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Created, imposed.StatusCode);
        var banId = (await imposed.JsonAsync()).GetProperty("id").GetString();

        var renewal = await Liwan.PostAsync($"{Person(id)}/exit-bans/{banId}/renewals",
            new JsonObject { ["newEndDate"] = "9999-12-31", ["decisionNumber"] = "(2025)粤0103执1号之二", ["decisionDate"] = Today, ["explanation"] = "仍未履行" });

        await ProblemAssert.IsProblem(renewal, HttpStatusCode.BadRequest, "newEndDate");
    }
}
