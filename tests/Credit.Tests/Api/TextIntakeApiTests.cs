using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Credit.Tests.Agencies;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Api;

/// <summary>Text at the door, over HTTP: any Unicode scalar value is taken, text that is not text (a lone surrogate, NUL, a
/// control character) and a full resident ID in published free text are refused with a 400 naming the field, and nothing
/// is stored; lengths count characters, not UTF-16 units.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TextIntakeApiTests(PlatformFixture fixture)
{
    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("subject", "name", "王\\ud842明", "subject.name")]
    [InlineData(null, "obligation", "支付\\udfb7货款", "obligation")]
    [InlineData("subject", "name", "王\\u0000明", "subject.name")]
    [InlineData(null, "obligation", "支付\\u0000货款", "obligation")]
    [InlineData("enforcementBasis", "issuer", "广州\\u001b法院", "enforcementBasis.issuer")]
    [InlineData("subject", "name", "王\\n明", "subject.name")]
    [InlineData("subject", "name", "张\\u200b三", "subject.name")]
    [InlineData("subject", "name", "张\\u202e三", "subject.name")]
    [InlineData("subject", "name", "\\ufeff张三", "subject.name")]
    [InlineData("subject", "name", "张\\u200d三", "subject.name")]
    [InlineData("subject", "name", "张\\udb40\\udc41三", "subject.name")]
    [InlineData("subject", "name", "张\\ufdd0三", "subject.name")]
    [InlineData(null, "obligation", "支付\\u00ad货款", "obligation")]
    public async Task Text_that_is_not_text_is_a_400_naming_the_field_and_nothing_is_stored(string? parent, string property, string escaped, string field)
    {
        var id = Identities.AdultResidentId();
        var body = PersonListing(CaseNumber());
        var holder = parent is null ? body : body[parent]!.AsObject();
        holder[property] = "PLACEHOLDER";
        // Written as JSON escapes: a lone surrogate cannot be held in a .NET string that JSON writers would send as it is.
        var json = body.ToJsonString().Replace("\"PLACEHOLDER\"", $"\"{escaped}\"", StringComparison.Ordinal);

        var response = await Liwan.PostRawAsync($"{Person(id)}/listings", json);

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(HttpStatusCode.NotFound, (await Liwan.GetAsync(Person(id), Cancellation)).StatusCode);
    }

    [Fact]
    public async Task A_full_resident_id_in_published_free_text_is_a_400_naming_the_field_and_nothing_changes()
    {
        var id = Identities.AdultResidentId();
        var other = Identities.AdultResidentId();
        var inObligation = PersonListing(CaseNumber());
        inObligation["obligation"] = $"向申请执行人（{other}）支付货款";
        var inBehaviour = PersonListing(CaseNumber());
        inBehaviour["grounds"]![0]!["behaviour"] = $"被执行人{id}有履行能力而拒不履行";

        await ProblemAssert.IsProblem(await Liwan.PostAsync($"{Person(id)}/listings", inObligation), HttpStatusCode.BadRequest, "obligation");
        await ProblemAssert.IsProblem(await Liwan.PostAsync($"{Person(id)}/listings", inBehaviour), HttpStatusCode.BadRequest, "grounds[0].behaviour");
        Assert.Equal(HttpStatusCode.NotFound, (await Liwan.GetAsync(Person(id), Cancellation)).StatusCode);

        var listed = await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()));
        var listingId = (await listed.JsonAsync()).GetProperty("id").GetString()!;
        var version = (await (await Liwan.GetAsync(Person(id), Cancellation)).JsonAsync()).GetProperty("version").GetInt64();
        var removal = await Liwan.PostAsync($"{Person(id)}/listings/{listingId}/removal",
            new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = $"经{other}书面确认已全部履行" });
        var correction = await Liwan.PostAsync($"{Person(id)}/listings/{listingId}/corrections",
            new JsonObject { ["explanation"] = "更正", ["obligation"] = $"支付货款（身份证号{id[..17]}{id[17]}）" });

        await ProblemAssert.IsProblem(removal, HttpStatusCode.BadRequest, "explanation");
        await ProblemAssert.IsProblem(correction, HttpStatusCode.BadRequest, "obligation");
        var court = await (await Liwan.GetAsync(Person(id), Cancellation)).JsonAsync();
        Assert.Equal(version, court.GetProperty("version").GetInt64());
        Assert.Equal([listingId], Channels.ActiveListings(court));
    }

    [Fact]
    public async Task Lengths_count_characters_as_a_person_sees_them_not_utf16_units()
    {
        var hundred = string.Concat(Enumerable.Repeat(RareNames.Ji, 100));

        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Person(Identities.AdultResidentId())}/listings", PersonListing(CaseNumber(), hundred))).StatusCode);
        var tooLong = await Liwan.PostAsync($"{Person(Identities.AdultResidentId())}/listings", PersonListing(CaseNumber(), hundred + RareNames.Ji));
        var problem = await ProblemAssert.IsProblem(tooLong, HttpStatusCode.BadRequest, "subject.name");
        Assert.Contains("(it has 101)", problem.GetProperty("errors").GetProperty("subject.name")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(２０２５)粤0103执1号")]
    [InlineData("(٢٠٢٥)粤0103执1号")]
    [InlineData("(2025)粤٠١٠٣执1号")]
    public async Task A_case_number_with_digits_other_than_ascii_is_a_400_not_a_500(string caseNumber)
    {
        var body = PersonListing(caseNumber);
        body["filingDate"] = "2025-01-02";

        var response = await Liwan.PostAsync($"{Person(Identities.AdultResidentId())}/listings", body);

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "caseNumber");
    }

    [Fact]
    public async Task A_resident_id_born_after_today_is_invalid_in_checks_and_refused_in_hit_reports()
    {
        var unborn = Identities.ResidentId(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(2));
        var railway = fixture.Platform.Client(AgencyKeys.Railway);

        var single = await (await railway.GetAsync(AgencyKeys.Path("railway", $"/checks/{unborn}"), Cancellation)).JsonAsync();
        var batch = await (await railway.PostAsJsonAsync(AgencyKeys.Path("railway", "/checks"), new { ids = new[] { unborn, $"p:{unborn}" } }, Cancellation)).JsonAsync();
        var hit = await railway.PostAsJsonAsync(AgencyKeys.Path("railway", "/hits"), new JsonObject
        {
            ["reportId"] = $"RW-{Guid.NewGuid():N}",
            ["subject"] = unborn,
            ["measure"] = "C01",
            ["occurredAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["place"] = "广州南站",
            ["outcome"] = "Intercepted",
        }, Cancellation);

        Assert.Equal("Invalid", single.GetProperty("status").GetString());
        Assert.Contains("in the future", single.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.All(batch.GetProperty("results").EnumerateArray(), result => Assert.Equal("Invalid", result.GetProperty("status").GetString()));
        await ProblemAssert.IsProblem(hit, HttpStatusCode.BadRequest, "subject");
    }

    [Theory]
    [InlineData(null, "eventDat", "eventDat")]
    [InlineData("subject", "nmae", "subject.nmae")]
    public async Task A_field_the_request_does_not_have_is_a_400_naming_it_and_nothing_is_stored(string? parent, string property, string field)
    {
        var id = Identities.AdultResidentId();
        var body = PersonListing(CaseNumber());
        (parent is null ? body : body[parent]!.AsObject())[property] = "2026-01-01";

        var response = await Liwan.PostAsync($"{Person(id)}/listings", body);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, field);
        Assert.Contains("is not a field of this request", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Credit.", problem.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Liwan.GetAsync(Person(id), Cancellation)).StatusCode);
    }
}
