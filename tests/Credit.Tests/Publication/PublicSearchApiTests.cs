using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.ReadModels.PublicListings;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Publication;

[Collection(PlatformCollection.Name)]
public sealed class PublicSearchApiTests(PlatformFixture fixture)
{
    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);
    private HttpClient Public => fixture.Platform.Client();

    /// <summary>Three random CJK characters: a name no other test uses.</summary>
    public static string UniqueName() => string.Concat(Enumerable.Range(0, 3).Select(_ => (char)Random.Shared.Next(0x4E00, 0x9FA5)));

    private async Task<(string Id, string ListingId, string CaseNumber)> ListAsync(string name)
    {
        var id = Identities.AdultResidentId();
        var caseNumber = CaseNumber();
        var response = await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(caseNumber, name));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (id, (await response.JsonAsync()).GetProperty("id").GetString()!, caseNumber);
    }

    private async Task<List<JsonElement>> SearchAsync(string query)
    {
        var response = await Public.GetAsync($"/api/v1/public/listings?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.JsonAsync()).GetProperty("items").EnumerateArray()];
    }

    [Fact]
    public async Task Listing_is_found_by_exact_and_partial_name_by_id_number_and_by_case_number()
    {
        var name = UniqueName();
        var (id, listingId, caseNumber) = await ListAsync(name);

        foreach (var query in new[] { $"name={name}", $"name={name[..2]}", $"name={name[1..]}", $"idNumber={id}", $"caseNumber={Uri.EscapeDataString(caseNumber)}" })
        {
            var hit = Assert.Single(await SearchAsync(query), r => r.GetProperty("listingId").GetString() == listingId);
            Assert.Equal(name, hit.GetProperty("name").GetString());
        }
    }

    [Fact]
    public async Task A_case_number_typed_with_spaces_or_official_brackets_finds_its_listing()
    {
        var (_, listingId, caseNumber) = await ListAsync(UniqueName());
        var (year, rest) = (caseNumber[1..5], caseNumber[6..]);

        foreach (var typed in new[] { $"({year}) {rest[..5]} {rest[5..6]} {rest[6..^1]} 号", $"〔{year}〕{rest}", $"（{year}）\u3000{rest}" })
            Assert.Single(await SearchAsync($"caseNumber={Uri.EscapeDataString(typed)}"), r => r.GetProperty("listingId").GetString() == listingId);
    }

    [Theory]
    [InlineData("name=张三&name=李四", "name")]
    [InlineData("name=张三&limit=1&limit=2", "limit")]
    [InlineData("idNumber=11010519491231002X&idNumber=11010519491231002X", "idNumber")]
    [InlineData("name=张三&kind=Person&kind=Entity", "kind")]
    public async Task A_parameter_given_twice_is_refused_as_given_twice(string query, string field)
    {
        var response = await Public.GetAsync($"/api/v1/public/listings?{query}");

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, field);
        var rules = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString());
        Assert.Equal(["is given twice; give it once"], rules);
    }

    [Fact]
    public async Task The_answer_says_which_document_the_masked_number_is_of()
    {
        var passport = Identities.PassportNumber();
        var body = PersonListing(CaseNumber(), "TANAKA TARO");
        body["subject"] = new JsonObject { ["name"] = "TANAKA TARO", ["sex"] = "Male", ["birthDate"] = "1975-05-05" };
        var listed = await Liwan.PostAsync($"/api/v1/subjects/passport/{passport}/listings", body);
        Assert.Equal(HttpStatusCode.Created, listed.StatusCode);
        var (residentId, _, _) = await ListAsync(UniqueName());

        var foreigner = Assert.Single(await SearchAsync($"idNumber={passport}"));
        var resident = Assert.Single(await SearchAsync($"idNumber={residentId}"));

        Assert.Equal("Passport", foreigner.GetProperty("documentType").GetString());
        Assert.Equal("ResidentId", resident.GetProperty("documentType").GetString());
    }

    [Fact]
    public async Task Result_shows_only_the_published_fields_with_the_resident_id_masked_Art6()
    {
        var name = UniqueName();
        var (id, listingId, _) = await ListAsync(name);

        var response = await Public.GetAsync($"/api/v1/public/listings?idNumber={id}");
        var text = await response.Content.ReadAsStringAsync();
        var hit = Assert.Single((await response.JsonAsync()).GetProperty("items").EnumerateArray());

        Assert.DoesNotContain(id, text);
        Assert.Equal($"{id[..10]}****{id[14..]}", hit.GetProperty("maskedId").GetString());
        var fields = hit.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Equal(new HashSet<string>
        {
            "listingId", "name", "isEntity", "documentType", "sex", "age", "maskedId", "legalRepresentative", "courtCode", "courtName", "province", "caseNumber",
            "enforcementBasisIssuer", "enforcementBasisNumber", "obligation", "performanceStatus", "dishonestBehaviour", "filingDate", "publicationDate",
        }, fields);
        Assert.Equal("广州市荔湾区人民法院", hit.GetProperty("courtName").GetString());
        Assert.Equal("广东省", hit.GetProperty("province").GetString());
        Assert.False(text.Contains("amountOwed", StringComparison.OrdinalIgnoreCase));
        var detail = await Public.GetAsync($"/api/v1/public/listings/{listingId}");
        Assert.DoesNotContain(id, await detail.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Removal_disappears_from_public_search_as_soon_as_it_is_acknowledged()
    {
        var name = UniqueName();
        var (id, listingId, _) = await ListAsync(name);
        Assert.Single(await SearchAsync($"name={name}"));

        var removed = await Liwan.PostAsync($"{Person(id)}/listings/{listingId}/removal", new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已全部履行" });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);

        Assert.Empty(await SearchAsync($"name={name}"));
        Assert.Equal(HttpStatusCode.NotFound, (await Public.GetAsync($"/api/v1/public/listings/{listingId}")).StatusCode);
    }

    [Fact]
    public async Task Exact_name_ranks_before_partial_and_pages_follow_the_cursor()
    {
        var name = UniqueName();
        await ListAsync(name[..2]);
        await ListAsync(name);
        await ListAsync(name + "华");

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await Public.GetAsync($"/api/v1/public/listings?name={name[..2]}&limit=1{(cursor is null ? "" : $"&cursor={cursor}")}")).JsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(3, seen.Count);
        Assert.Equal(name[..2], seen[0]);
        Assert.Equal(3, seen.Distinct().Count());
    }

    [Fact]
    public async Task Rebuilding_the_search_index_keeps_every_listing_searchable()
    {
        var name = UniqueName();
        var (_, listingId, _) = await ListAsync(name);

        var count = await fixture.Platform.Services.GetRequiredService<ISearchIndexRebuilder>().RebuildAsync(TestContext.Current.CancellationToken);

        Assert.True(count > 0);
        Assert.Equal(listingId, Assert.Single(await SearchAsync($"name={name}")).GetProperty("listingId").GetString());
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("name=张", "name")]
    [InlineData("name=%25' OR 1=1 --", "name")]
    [InlineData("name=___", "name")]
    [InlineData("idNumber=1234", "idNumber")]
    [InlineData("caseNumber=abc", "caseNumber")]
    [InlineData("name=张三&limit=500", "limit")]
    [InlineData("name=张三&cursor=not-a-cursor", "cursor")]
    [InlineData("name=张三&court=广州", "court")]
    [InlineData("name=张三&kind=Robot", "kind")]
    [InlineData("name=张三&kind=1", "kind")]                      // a number .NET would read as Entity
    [InlineData("name=张三&kind=Person,Entity", "kind")]          // 0 | 1, read as Entity: a listed person was not found
    [InlineData("name=张三&kind=Person&kind=Entity", "kind")]
    public async Task Hostile_or_malformed_searches_get_a_problem_never_an_error(string query, string field)
    {
        var response = await Public.GetAsync($"/api/v1/public/listings?{query}");

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, field);
    }
}
