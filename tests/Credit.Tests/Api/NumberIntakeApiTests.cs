using System.Net;
using System.Text.Json.Nodes;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Api;

/// <summary>A number in a request is a JSON number: a string is refused naming the field, a number too large for the field
/// meets the field's own range rule, and the spelling of a number does not make a retry another request.</summary>
[Collection(PlatformCollection.Name)]
public sealed class NumberIntakeApiTests(PlatformFixture fixture)
{
    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);

    private const string NumberRule = "must be a JSON number, written without quotes (250000, not \"250000\")";

    private static string Rule(System.Text.Json.JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Theory]
    [InlineData("amountOwed", "\"250000\"")]
    [InlineData("amountOwed", "\"2.5e5\"")]
    [InlineData("performance.amountPerformed", "\"100\"")]
    public async Task A_string_for_a_number_is_refused_naming_the_field(string field, string json)
    {
        var id = Identities.AdultResidentId();
        var body = PersonListing(CaseNumber());
        if (field == "amountOwed")
            body["amountOwed"] = JsonNode.Parse(json);
        else
            body["performance"]!["amountPerformed"] = JsonNode.Parse(json);

        var problem = await ProblemAssert.IsProblem(await Liwan.PostAsync($"{Person(id)}/listings", body), HttpStatusCode.BadRequest, field);

        Assert.Equal(NumberRule, Rule(problem, field));
        Assert.Equal(HttpStatusCode.NotFound, (await Liwan.GetAsync(Person(id))).StatusCode);
    }

    [Fact]
    public async Task A_string_for_the_years_of_an_extension_is_refused_and_the_term_stays()
    {
        var id = Identities.AdultResidentId();
        var body = PersonListing(CaseNumber());
        body["grounds"] = new JsonArray(new JsonObject { ["ground"] = "FailsToReportProperty", ["behaviour"] = "违反财产报告制度" });
        var listing = await (await Liwan.PostAsync($"{Person(id)}/listings", body)).JsonAsync();
        var path = $"{Person(id)}/listings/{listing.GetProperty("id").GetString()}/extensions";

        var asText = await Liwan.PostAsync(path, new JsonObject { ["years"] = "1", ["explanation"] = "多次失信", ["condition"] = "SeveralDishonestActs" });
        var fraction = await Liwan.PostAsync(path, new JsonObject { ["years"] = 1.5, ["explanation"] = "多次失信", ["condition"] = "SeveralDishonestActs" });

        Assert.Equal(NumberRule, Rule(await ProblemAssert.IsProblem(asText, HttpStatusCode.BadRequest, "years"), "years"));
        Assert.StartsWith("must be a whole number", Rule(await ProblemAssert.IsProblem(fraction, HttpStatusCode.BadRequest, "years"), "years"));
        var subject = await (await Liwan.GetAsync(Person(id))).JsonAsync();
        Assert.Equal(listing.GetProperty("periodEnd").GetString(), subject.GetProperty("listings")[0].GetProperty("periodEnd").GetString());
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1e0")]
    [InlineData("10e-1")]
    public async Task A_whole_number_of_years_written_with_a_point_or_an_exponent_is_that_number(string years)
    {
        var path = await ExtensionsPath();

        var response = await Liwan.PostRawAsync(path, $$"""{"years":{{years}},"explanation":"多次失信","condition":"SeveralDishonestActs"}""", Guid.NewGuid().ToString());

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("1e400", "Art. 2: an extension is 1 to 3 years")]
    [InlineData("3000000000", "Art. 2: an extension is 1 to 3 years")]
    [InlineData("-1e400", "Art. 2: an extension is 1 to 3 years")]
    [InlineData("1.5", "must be a whole number, without a fraction (1, not 1.5)")]
    [InlineData("1e-400", "must be a whole number, without a fraction (1, not 1.5)")]
    [InlineData("true", "must be a JSON number (250000), not true or false")]
    [InlineData("{}", "must be a JSON number (250000), not an object")]
    public async Task Years_that_are_no_whole_number_of_the_rule_are_refused_with_the_rule_not_the_range_of_an_int(string years, string rule)
    {
        var path = await ExtensionsPath();

        var response = await Liwan.PostRawAsync(path, $$"""{"years":{{years}},"explanation":"多次失信","condition":"SeveralDishonestActs"}""", Guid.NewGuid().ToString());

        Assert.Equal(rule, Rule(await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "years"), "years"));
    }

    private async Task<string> ExtensionsPath()
    {
        var id = Identities.AdultResidentId();
        var body = PersonListing(CaseNumber());
        body["grounds"] = new JsonArray(new JsonObject { ["ground"] = "FailsToReportProperty", ["behaviour"] = "违反财产报告制度" });
        var listing = await (await Liwan.PostAsync($"{Person(id)}/listings", body)).JsonAsync();
        return $"{Person(id)}/listings/{listing.GetProperty("id").GetString()}/extensions";
    }

    [Theory]
    [InlineData("250000.0000000000000000000000001")]
    [InlineData("250000.001")]
    [InlineData("2.500000000000000000000000000001e5")]
    public async Task An_amount_with_more_than_two_places_is_refused_however_many_digits_it_has(string amount)
    {
        var id = Identities.AdultResidentId();
        var text = PersonListing(CaseNumber()).ToJsonString().Replace("\"amountOwed\":100000.50", $"\"amountOwed\":{amount}", StringComparison.Ordinal);

        var problem = await ProblemAssert.IsProblem(await Liwan.PostRawAsync($"{Person(id)}/listings", text, Guid.NewGuid().ToString()), HttpStatusCode.BadRequest, "amountOwed");

        Assert.Equal("must have at most 2 decimal places (fen)", Rule(problem, "amountOwed"));
        Assert.Equal(HttpStatusCode.NotFound, (await Liwan.GetAsync(Person(id))).StatusCode);
    }

    [Theory]
    [InlineData("1e300", "must be at most 1,000,000,000,000 yuan")]
    [InlineData("1000000000000000000000000000000", "must be at most 1,000,000,000,000 yuan")]
    [InlineData("1e13", "must be at most 1,000,000,000,000 yuan")]
    [InlineData("-1e300", "must be greater than 0 yuan")]
    public async Task A_number_too_large_for_an_amount_meets_the_amount_rule(string amount, string rule)
    {
        var id = Identities.AdultResidentId();
        var body = PersonListing(CaseNumber());
        body["amountOwed"] = JsonNode.Parse(amount);

        var problem = await ProblemAssert.IsProblem(await Liwan.PostAsync($"{Person(id)}/listings", body), HttpStatusCode.BadRequest, "amountOwed");

        Assert.Equal(rule, Rule(problem, "amountOwed"));
    }

    [Fact]
    public async Task A_retry_that_writes_the_amount_another_way_is_the_same_request_and_another_amount_is_not()
    {
        var id = Identities.AdultResidentId();
        var body = PersonListing(CaseNumber());
        var key = Guid.NewGuid().ToString();
        var text = body.ToJsonString();
        string WithAmount(string amount) => text.Replace("\"amountOwed\":100000.50", $"\"amountOwed\":{amount}", StringComparison.Ordinal);
        Assert.Contains("\"amountOwed\":100000.50", text);

        var first = await Liwan.PostRawAsync($"{Person(id)}/listings", WithAmount("100000.5"), key);
        var retries = new List<HttpResponseMessage>();
        foreach (var spelling in new[] { "100000.50", "100000.500", "1.000005E5", "1000005e-1" })
            retries.Add(await Liwan.PostRawAsync($"{Person(id)}/listings", WithAmount(spelling), key));
        var another = await Liwan.PostRawAsync($"{Person(id)}/listings", WithAmount("100000.51"), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var listingId = (await first.JsonAsync()).GetProperty("id").GetString();
        foreach (var retry in retries)
        {
            Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
            Assert.Equal(listingId, (await retry.JsonAsync()).GetProperty("id").GetString());
        }
        await ProblemAssert.IsProblem(another, HttpStatusCode.Conflict, "Idempotency-Key");
        var subject = await (await Liwan.GetAsync(Person(id))).JsonAsync();
        Assert.Equal(100000.5m, Assert.Single(subject.GetProperty("listings").EnumerateArray()).GetProperty("amountOwed").GetDecimal());
    }
}
