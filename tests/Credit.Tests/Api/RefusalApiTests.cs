using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Api;

/// <summary>Every refusal answers with problem details naming the field and the rule, and changes nothing.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RefusalApiTests(PlatformFixture fixture)
{
    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);

    private static string InMonths(int months) => DateTime.UtcNow.AddHours(8).AddMonths(months).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task AssertNothingStored(string subjectPath) =>
        Assert.Equal(HttpStatusCode.NotFound, (await Liwan.GetAsync(subjectPath)).StatusCode);

    [Fact]
    public async Task Minor_on_publication_date_is_refused_Art4()
    {
        var birth = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddYears(-17);
        var id = Identities.ResidentId(birth);

        var response = await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "subject.number");
        Assert.Contains("Art. 4", problem.GetRawText());
        await AssertNothingStored(Person(id));
    }

    [Fact]
    public async Task Person_is_listed_only_from_the_day_after_the_18th_birthday_Art4()
    {
        var eighteenToday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddYears(-18);
        var minor = Identities.ResidentId(eighteenToday);
        var adult = Identities.ResidentId(eighteenToday.AddDays(-1));

        await ProblemAssert.IsProblem(await Liwan.PostAsync($"{Person(minor)}/listings", PersonListing(CaseNumber())), HttpStatusCode.BadRequest, "subject.number");
        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Person(adult)}/listings", PersonListing(CaseNumber()))).StatusCode);
    }

    [Theory]
    [InlineData("执保")]
    [InlineData("执异")]
    [InlineData("执配")]
    public async Task Measures_in_a_case_other_than_an_enforcement_case_are_refused_naming_the_rule_Art5(string caseType)
    {
        var id = Identities.AdultResidentId();
        var sideCase = CaseNumber().Replace("执", caseType, StringComparison.Ordinal);

        foreach (var (path, body) in new[] { ("listings", PersonListing(sideCase)), ("restrictions", Restriction(sideCase)),
            ("exit-bans", ExitBan(sideCase, Today, InMonths(3))) })
        {
            var problem = await ProblemAssert.IsProblem(await Liwan.PostAsync($"{Person(id)}/{path}", body), HttpStatusCode.BadRequest, "caseNumber");
            Assert.Contains("only enforcement cases (执, 执恢)", problem.GetRawText());
        }
        await AssertNothingStored(Person(id));
    }

    [Theory]
    [InlineData("decisionNumber")]
    [InlineData("decisionDate")]
    [InlineData("initiative")]
    public async Task Listing_without_its_decision_is_refused_Art5(string field)
    {
        var id = Identities.AdultResidentId();
        var body = PersonListing(CaseNumber());
        body.Remove(field);

        await ProblemAssert.IsProblem(await Liwan.PostAsync($"{Person(id)}/listings", body), HttpStatusCode.BadRequest, field);
        await AssertNothingStored(Person(id));
    }

    [Theory]
    [InlineData("orderNumber")]
    [InlineData("orderDate")]
    public async Task Restriction_without_its_order_is_refused_consumption_rules_Art5(string field)
    {
        var id = Identities.AdultResidentId();
        var body = Restriction(CaseNumber());
        body.Remove(field);

        await ProblemAssert.IsProblem(await Liwan.PostAsync($"{Person(id)}/restrictions", body), HttpStatusCode.BadRequest, field);
        await AssertNothingStored(Person(id));
    }

    [Fact]
    public async Task Extension_without_its_condition_is_refused_Art2()
    {
        var id = Identities.AdultResidentId();
        var body = PersonListing(CaseNumber());
        body["grounds"] = new JsonArray(new JsonObject { ["ground"] = "ObstructsEnforcement", ["behaviour"] = "以暴力方法妨碍执行" });
        var listing = await (await Liwan.PostAsync($"{Person(id)}/listings", body)).JsonAsync();

        var problem = await ProblemAssert.IsProblem(await Liwan.PostAsync($"{Person(id)}/listings/{listing.GetProperty("id").GetString()}/extensions",
            new JsonObject { ["years"] = 1, ["explanation"] = "情节严重" }), HttpStatusCode.BadRequest, "condition");
        Assert.Contains("Art. 2", problem.GetRawText());
    }

    [Fact]
    public async Task Listing_without_a_ground_is_refused_Art1()
    {
        var id = Identities.AdultResidentId();
        var body = PersonListing(CaseNumber());
        body["grounds"] = new JsonArray();

        await ProblemAssert.IsProblem(await Liwan.PostAsync($"{Person(id)}/listings", body), HttpStatusCode.BadRequest, "grounds");
        body.Remove("grounds");
        await ProblemAssert.IsProblem(await Liwan.PostAsync($"{Person(id)}/listings", body), HttpStatusCode.BadRequest, "grounds");
        await AssertNothingStored(Person(id));
    }

    [Fact]
    public async Task Exit_ban_without_an_end_date_is_refused()
    {
        var id = Identities.AdultResidentId();
        var body = ExitBan(CaseNumber(), Today, InMonths(3));
        body.Remove("endDate");

        await ProblemAssert.IsProblem(await Liwan.PostAsync($"{Person(id)}/exit-bans", body), HttpStatusCode.BadRequest, "endDate");
        await AssertNothingStored(Person(id));
    }

    [Fact]
    public async Task Exit_ban_longer_than_the_configured_maximum_is_refused()
    {
        var id = Identities.AdultResidentId();

        var response = await Liwan.PostAsync($"{Person(id)}/exit-bans", ExitBan(CaseNumber(), Today, InMonths(13)));

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "endDate");
        await AssertNothingStored(Person(id));
    }

    [Fact]
    public async Task Exit_ban_can_be_renewed_before_it_lapses_and_lifted()
    {
        var id = Identities.AdultResidentId();
        var ban = await (await Liwan.PostAsync($"{Person(id)}/exit-bans", ExitBan(CaseNumber(), Today, InMonths(6)))).JsonAsync();
        var path = $"{Person(id)}/exit-bans/{ban.GetProperty("id").GetString()}";

        var renewed = await Liwan.PostAsync($"{path}/renewals", new JsonObject { ["newEndDate"] = InMonths(12), ["decisionNumber"] = "续期决定书", ["decisionDate"] = Today, ["explanation"] = "仍未履行" });
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.Equal(InMonths(12), (await renewed.JsonAsync()).GetProperty("endDate").GetString());
        Assert.Equal(Today, (await renewed.JsonAsync()).GetProperty("decisionDate").GetString());

        var lifted = await Liwan.PostAsync($"{path}/lifting", new JsonObject { ["reason"] = "Guarantee", ["explanation"] = "提供充分担保" });
        Assert.Equal("Lifted", (await lifted.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Exit_ban_on_an_entity_is_refused()
    {
        var code = Identities.CreditCode();

        var response = await Liwan.PostAsync($"{Entity(code)}/exit-bans", ExitBan(CaseNumber(), Today, InMonths(3), "广州某公司"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "subject.number");
    }

    [Theory]
    [InlineData("amountOwed", "-5")]
    [InlineData("amountOwed", "0")]
    [InlineData("amountOwed", "10.001")]
    [InlineData("publicationDate", "\"2099-01-01\"")]
    [InlineData("obligation", "\"\"")]
    public async Task Senseless_amounts_dates_and_texts_are_refused(string field, string json)
    {
        var id = Identities.AdultResidentId();
        var body = PersonListing(CaseNumber());
        body[field] = JsonNode.Parse(json);

        await ProblemAssert.IsProblem(await Liwan.PostAsync($"{Person(id)}/listings", body), HttpStatusCode.BadRequest, field);
        await AssertNothingStored(Person(id));
    }

    [Fact]
    public async Task Entity_listing_must_name_the_legal_representative_Art6()
    {
        var code = Identities.CreditCode();

        var response = await Liwan.PostAsync($"{Entity(code)}/listings", PersonListing(CaseNumber(), "广州某某公司"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "responsiblePersons");
        await AssertNothingStored(Entity(code));
    }

    [Theory]
    [InlineData("11010519491231002Y")]
    [InlineData("110105194912310021")]
    [InlineData("11010519490230002X")]
    [InlineData("1101051949123100")]
    public async Task Invalid_resident_id_is_refused_with_the_reason(string number)
    {
        var response = await Liwan.PostAsync($"{Person(number)}/listings", PersonListing(CaseNumber()));

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "number");
    }

    [Fact]
    public async Task Credit_code_with_a_wrong_check_character_needs_the_courts_override()
    {
        var valid = Identities.CreditCode();
        var wrong = valid[..17] + (valid[17] == '0' ? '1' : '0');
        var body = EntityListing(CaseNumber(), Identities.AdultResidentId());

        await ProblemAssert.IsProblem(await Liwan.PostAsync($"{Entity(wrong)}/listings", body), HttpStatusCode.BadRequest, "number");
        body["subject"]!["confirmCreditCodeCheckOverride"] = true;
        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Entity(wrong)}/listings", body)).StatusCode);
    }

    [Fact]
    public async Task Removal_without_a_statutory_reason_is_refused_and_the_listing_stays()
    {
        var id = Identities.AdultResidentId();
        var listing = await (await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()))).JsonAsync();
        var path = $"{Person(id)}/listings/{listing.GetProperty("id").GetString()}/removal";

        await ProblemAssert.IsProblem(await Liwan.PostAsync(path, new JsonObject { ["explanation"] = "无" }), HttpStatusCode.BadRequest, "reason");
        await ProblemAssert.IsProblem(await Liwan.PostAsync(path, new JsonObject { ["reason"] = "Mercy", ["explanation"] = "无" }), HttpStatusCode.BadRequest, "reason");
        // The old, mislabelled names of Art. 10 ¶1(4), (5) and (7) are no reasons now: a court names the ground it means.
        foreach (var old in new[] { "ProcedureTerminated", "EnforcementBasisRevoked", "TransferredToBankruptcy" })
            await ProblemAssert.IsProblem(await Liwan.PostAsync(path, new JsonObject { ["reason"] = old, ["explanation"] = "无" }), HttpStatusCode.BadRequest, "reason");

        var subject = await (await Liwan.GetAsync(Person(id))).JsonAsync();
        Assert.Equal("Active", Assert.Single(subject.GetProperty("listings").EnumerateArray()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{\"amountOwed\":\"lots\"}")]
    [InlineData("{\"filingDate\":\"yesterday\"}")]
    [InlineData("{\"grounds\":[{\"ground\":99}]}")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Malformed_bodies_get_problem_details_never_a_500(string json)
    {
        var id = Identities.AdultResidentId();

        var response = await Liwan.PostRawAsync($"{Person(id)}/listings", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertNothingStored(Person(id));
    }

    [Theory]
    [InlineData("{\"grounds\":[{\"ground\":\"Fraud\",\"behaviour\":\"无\"}]}", "grounds[0].ground", "RefusesDespiteAbility, ObstructsEnforcement, EvadesEnforcement")]
    [InlineData("{\"grounds\":[{\"ground\":3}]}", "grounds[0].ground", "BreachesSettlementAgreement")]
    [InlineData("{\"subject\":{\"name\":\"张三\",\"sex\":\"Man\"}}", "subject.sex", "Male, Female")]
    [InlineData("{\"performance\":{\"status\":\"Performed\"}}", "performance.status", "NotPerformed, PartlyPerformed")]
    public async Task An_unknown_enumeration_value_is_refused_listing_the_names_it_accepts(string json, string field, string names)
    {
        var id = Identities.AdultResidentId();

        var problem = await ProblemAssert.IsProblem(await Liwan.PostRawAsync($"{Person(id)}/listings", json), HttpStatusCode.BadRequest, field);

        var rule = problem.GetProperty("errors").GetProperty(field)[0].GetString();
        Assert.StartsWith("must be one of ", rule);
        Assert.Contains(names, rule);
        await AssertNothingStored(Person(id));
    }

    [Fact]
    public async Task An_unknown_enumeration_value_in_the_query_is_refused_listing_the_names_it_accepts()
    {
        var problem = await ProblemAssert.IsProblem(
            await fixture.Platform.Client().GetAsync("/api/v1/public/listings?name=张三&kind=Company"), HttpStatusCode.BadRequest, "kind");

        Assert.Equal("must be one of Person, Entity", problem.GetProperty("errors").GetProperty("kind")[0].GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=klingon")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task A_body_that_is_not_utf8_json_is_refused_naming_the_content_type_RFC8259(string contentType)
    {
        var id = Identities.AdultResidentId();
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Person(id)}/listings") { Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(PersonListing(CaseNumber()).ToJsonString())) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        await ProblemAssert.IsProblem(await Liwan.SendAsync(request), HttpStatusCode.UnsupportedMediaType, "Content-Type");
        await AssertNothingStored(Person(id));
    }

    [Fact]
    public async Task A_body_in_GBK_sent_as_json_is_refused_as_not_utf8_naming_the_body_RFC8259()
    {
        var id = Identities.AdultResidentId();
        var gbk = System.Text.CodePagesEncodingProvider.Instance.GetEncoding("GBK")!;
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Person(id)}/listings")
        {
            Content = new ByteArrayContent(gbk.GetBytes(PersonListing(CaseNumber()).ToJsonString(new System.Text.Json.JsonSerializerOptions
            {
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }))),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var problem = await ProblemAssert.IsProblem(await Liwan.SendAsync(request), HttpStatusCode.UnsupportedMediaType, "body");

        Assert.StartsWith("is not UTF-8", problem.GetProperty("errors").GetProperty("body")[0].GetString());
        await AssertNothingStored(Person(id));
    }

    [Theory]
    [InlineData("(1899)粤0103执1号", "has the year 1899; the year in parentheses must be from 1900 to 2099")]
    [InlineData("(2026)粤0103执00001号", "must write the case sequence number without leading zeros: (2026)粤0103执1号")]
    [InlineData("(2026)粤0103执1 2号", "has a space inside the digits of its case sequence number (1 2): spaces may stand only between the parts of a case number; inside a number one more likely marks a typo or a missing digit, so write the digits meant without it")]
    public async Task A_case_number_of_the_right_shape_is_refused_naming_the_part_that_is_wrong(string caseNumber, string rule)
    {
        var id = Identities.AdultResidentId();

        var problem = await ProblemAssert.IsProblem(
            await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(caseNumber)), HttpStatusCode.BadRequest, "caseNumber");

        Assert.Equal(rule, problem.GetProperty("errors").GetProperty("caseNumber")[0].GetString());
        await AssertNothingStored(Person(id));
    }

    [Fact]
    public async Task Changes_without_an_idempotency_key_are_refused()
    {
        var id = Identities.AdultResidentId();
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Person(id)}/listings") { Content = System.Net.Http.Json.JsonContent.Create(PersonListing(CaseNumber())) };

        var response = await Liwan.SendAsync(request);

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "Idempotency-Key");
        await AssertNothingStored(Person(id));
    }

    [Fact]
    public async Task Unknown_document_type_and_unknown_listing_are_answered_as_problems()
    {
        await ProblemAssert.IsProblem(await Liwan.GetAsync("/api/v1/subjects/library-card/123"), HttpStatusCode.BadRequest, "documentType");
        var id = Identities.AdultResidentId();
        await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()));
        var missing = await Liwan.PostAsync($"{Person(id)}/listings/{Guid.NewGuid()}/removal", new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已履行" });
        await ProblemAssert.IsProblem(missing, HttpStatusCode.NotFound, "listingId");
    }
}
