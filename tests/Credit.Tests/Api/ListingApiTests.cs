using System.Net;
using System.Text.Json.Nodes;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Api;

[Collection(PlatformCollection.Name)]
public sealed class ListingApiTests(PlatformFixture fixture)
{
    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);
    private HttpClient Intermediate => fixture.Platform.Client(PlatformFixture.Intermediate);

    [Fact]
    public async Task Listing_a_person_publishes_the_listing_and_restricts_consumption()
    {
        var id = Identities.AdultResidentId();
        var response = await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var listing = await response.JsonAsync();
        Assert.Equal("Active", listing.GetProperty("status").GetString());
        Assert.Equal(JsonValueKindNull, listing.GetProperty("periodEnd").ValueKind);
        Assert.EndsWith($"/listings/{listing.GetProperty("id").GetString()}", response.Headers.Location!.ToString());

        var subject = await (await Liwan.GetAsync(Person(id))).JsonAsync();
        Assert.Equal("张三", subject.GetProperty("profile").GetProperty("name").GetString());
        var restriction = Assert.Single(subject.GetProperty("restrictions").EnumerateArray());
        Assert.Equal("Listing", restriction.GetProperty("basis").GetString());
        Assert.Equal("Active", restriction.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Listing_an_entity_restricts_its_legal_representative_personally_without_listing_them()
    {
        var code = Identities.CreditCode();
        var representative = Identities.AdultResidentId();
        var created = await Liwan.PostAsync($"{Entity(code)}/listings", EntityListing(CaseNumber(), representative));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var person = await (await Liwan.GetAsync(Person(representative))).JsonAsync();
        Assert.Empty(person.GetProperty("listings").EnumerateArray());
        var restriction = Assert.Single(person.GetProperty("restrictions").EnumerateArray());
        Assert.Equal("ResponsiblePerson", restriction.GetProperty("basis").GetString());
        Assert.Equal("LegalRepresentative", restriction.GetProperty("role").GetString());
        Assert.Equal($"e:{code}", restriction.GetProperty("representedEntity").GetString());

        // Removing the entity's listing for full performance frees the representative too.
        var listingId = (await created.JsonAsync()).GetProperty("id").GetString();
        var removed = await Liwan.PostAsync($"{Entity(code)}/listings/{listingId}/removal",
            new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已全部履行" });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        person = await (await Liwan.GetAsync(Person(representative))).JsonAsync();
        Assert.Equal("Lifted", Assert.Single(person.GetProperty("restrictions").EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Removal_for_full_performance_takes_effect_at_once_and_lifts_the_restriction()
    {
        var id = Identities.AdultResidentId();
        var caseNumber = CaseNumber();
        var listing = await (await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(caseNumber))).JsonAsync();
        var ban = await Liwan.PostAsync($"{Person(id)}/exit-bans", ExitBan(caseNumber, Today, DateTime.UtcNow.AddMonths(6).ToString("yyyy-MM-dd")));
        Assert.Equal(HttpStatusCode.Created, ban.StatusCode);

        var removed = await Liwan.PostAsync($"{Person(id)}/listings/{listing.GetProperty("id").GetString()}/removal",
            new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "被执行人已全部履行" });

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var body = await removed.JsonAsync();
        Assert.Equal("Removed", body.GetProperty("status").GetString());
        Assert.Equal("FullPerformance", body.GetProperty("end").GetProperty("reason").GetString());
        var subject = await (await Liwan.GetAsync(Person(id))).JsonAsync();
        Assert.All(subject.GetProperty("restrictions").EnumerateArray(), r => Assert.Equal("Lifted", r.GetProperty("status").GetString()));
        Assert.All(subject.GetProperty("exitBans").EnumerateArray(), b => Assert.Equal("Lifted", b.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Correction_changes_fields_and_is_recorded_with_who_when_what_and_why()
    {
        var id = Identities.AdultResidentId();
        var listing = await (await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()))).JsonAsync();
        var listingId = listing.GetProperty("id").GetString();

        var corrected = await Liwan.PostAsync($"{Person(id)}/listings/{listingId}/corrections",
            new JsonObject { ["explanation"] = "金额录入错误", ["amountOwed"] = 80000 });

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(80000m, (await corrected.JsonAsync()).GetProperty("amountOwed").GetDecimal());
        var history = (await (await Liwan.GetAsync($"{Person(id)}/history")).JsonAsync()).EnumerateArray().ToList();
        var correction = history.Single(h => h.GetProperty("kind").GetString() == "ListingCorrected");
        Assert.Equal("粤0103", correction.GetProperty("court").GetString());
        Assert.Contains("荔湾", correction.GetProperty("actor").GetString());
        Assert.Contains("金额录入错误", correction.GetProperty("reason").GetString());
        var field = Assert.Single(correction.GetProperty("fields").EnumerateArray());
        Assert.Equal("amountOwed", field.GetProperty("field").GetString());
        Assert.Equal("100000.50", field.GetProperty("before").GetString());
        Assert.Equal("80000", field.GetProperty("after").GetString());
        Assert.True(history.Select(h => h.GetProperty("version").GetInt64()).SequenceEqual(Enumerable.Range(1, history.Count).Select(v => (long)v)));
    }

    [Fact]
    public async Task The_history_shows_a_corrected_basis_performance_and_grounds_as_a_clerk_reads_them()
    {
        var id = Identities.AdultResidentId();
        var listing = await (await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()))).JsonAsync();

        var corrected = await Liwan.PostAsync($"{Person(id)}/listings/{listing.GetProperty("id").GetString()}/corrections", new JsonObject
        {
            ["explanation"] = "执行依据与履行情况录入错误",
            ["enforcementBasis"] = new JsonObject { ["issuer"] = "广州市荔湾区人民法院", ["documentNumber"] = "(2025)粤0103民初88号" },
            ["performance"] = new JsonObject { ["status"] = "PartlyPerformed", ["amountPerformed"] = 1000 },
            ["grounds"] = new JsonArray(new JsonObject { ["ground"] = "ObstructsEnforcement", ["behaviour"] = "以暴力方法妨碍执行" }),
        });

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var history = (await (await Liwan.GetAsync($"{Person(id)}/history")).JsonAsync()).EnumerateArray();
        var fields = history.Single(h => h.GetProperty("kind").GetString() == "ListingCorrected").GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("field").GetString()!, f => (f.GetProperty("before").GetString(), f.GetProperty("after").GetString()));
        Assert.Equal(("广州市荔湾区人民法院 (2023)粤0103民初567号", "广州市荔湾区人民法院 (2025)粤0103民初88号"), fields["enforcementBasis"]);
        Assert.Equal(("NotPerformed, 0.00", "PartlyPerformed, 1000.00"), fields["performance"]);
        Assert.Equal(("RefusesDespiteAbility (ground 1): 有履行能力而拒不履行生效法律文书确定义务", "ObstructsEnforcement (ground 2): 以暴力方法妨碍执行"),
            fields["grounds"]);
    }

    [Fact]
    public async Task A_publication_date_corrected_to_one_whose_term_has_run_out_ends_it_as_expired_and_unpublished_Art9_Art10()
    {
        var id = Identities.AdultResidentId();
        var chinaToday = DateOnly.Parse(Today, System.Globalization.CultureInfo.InvariantCulture);
        var typedLate = chinaToday.AddYears(-2).AddDays(3).ToString("yyyy-MM-dd");
        var body = PersonListing(CaseNumber(year: chinaToday.Year - 3));
        body["grounds"] = new JsonArray(new JsonObject { ["ground"] = "EvadesEnforcement", ["behaviour"] = "转移财产规避执行" });
        body["publicationDate"] = typedLate;
        body["decisionDate"] = typedLate;
        var listing = await (await Liwan.PostAsync($"{Person(id)}/listings", body)).JsonAsync();
        Assert.Equal("Active", listing.GetProperty("status").GetString());
        var published = $"/api/v1/public/listings/{listing.GetProperty("id").GetString()}";
        Assert.Equal(HttpStatusCode.OK, (await fixture.Platform.Client().GetAsync(published)).StatusCode);

        var trueDate = chinaToday.AddYears(-2).AddDays(-30).ToString("yyyy-MM-dd");
        var corrected = await Liwan.PostAsync($"{Person(id)}/listings/{listing.GetProperty("id").GetString()}/corrections",
            new JsonObject { ["explanation"] = "公布日期录入错误", ["publicationDate"] = trueDate, ["decisionDate"] = trueDate });

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var ended = await corrected.JsonAsync();
        Assert.Equal(("Expired", "TermExpired"), (ended.GetProperty("status").GetString(), ended.GetProperty("end").GetProperty("reason").GetString()));
        var kinds = (await (await Liwan.GetAsync($"{Person(id)}/history")).JsonAsync()).EnumerateArray().Select(h => h.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["ListingCorrected", "ListingExpired"], kinds.TakeLast(2));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Platform.Client().GetAsync(published)).StatusCode);
    }

    [Fact]
    public async Task Fixed_term_listing_can_be_extended_by_one_to_three_years_Art2()
    {
        var id = Identities.AdultResidentId();
        var body = PersonListing(CaseNumber());
        body["grounds"] = new JsonArray(new JsonObject { ["ground"] = "FailsToReportProperty", ["behaviour"] = "违反财产报告制度" });
        var listing = await (await Liwan.PostAsync($"{Person(id)}/listings", body)).JsonAsync();
        var end = DateOnly.Parse(listing.GetProperty("periodEnd").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DateOnly.Parse(Today, System.Globalization.CultureInfo.InvariantCulture).AddYears(2), end);

        var extended = await Liwan.PostAsync($"{Person(id)}/listings/{listing.GetProperty("id").GetString()}/extensions",
            new JsonObject { ["years"] = 2, ["explanation"] = "多次失信", ["condition"] = "SeveralDishonestActs" });
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        Assert.Equal(end.AddYears(2).ToString("yyyy-MM-dd"), (await extended.JsonAsync()).GetProperty("periodEnd").GetString());

        var tooLong = await Liwan.PostAsync($"{Person(id)}/listings/{listing.GetProperty("id").GetString()}/extensions",
            new JsonObject { ["years"] = 2, ["explanation"] = "再次延长", ["condition"] = "SeveralDishonestActs" });
        await ProblemAssert.IsProblem(tooLong, HttpStatusCode.BadRequest, "years");
    }

    [Fact]
    public async Task Another_courts_case_cannot_be_removed_and_stays_listed()
    {
        var id = Identities.AdultResidentId();
        var listing = await (await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()))).JsonAsync();

        var attempt = await Intermediate.PostAsync($"{Person(id)}/listings/{listing.GetProperty("id").GetString()}/removal",
            new JsonObject { ["reason"] = "CreditorRequest", ["explanation"] = "申请人书面申请" });

        await ProblemAssert.IsProblem(attempt, HttpStatusCode.Forbidden, "listingId");
        var subject = await (await Liwan.GetAsync(Person(id))).JsonAsync();
        Assert.Equal("Active", Assert.Single(subject.GetProperty("listings").EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_court_cannot_list_in_another_courts_case_number()
    {
        var id = Identities.AdultResidentId();
        var attempt = await Intermediate.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber("粤0103")));

        await ProblemAssert.IsProblem(attempt, HttpStatusCode.Forbidden, "caseNumber");
        Assert.Equal(HttpStatusCode.NotFound, (await Liwan.GetAsync(Person(id))).StatusCode);
    }

    [Fact]
    public async Task Retrying_with_the_same_idempotency_key_gives_the_same_result_and_no_second_listing()
    {
        var id = Identities.AdultResidentId();
        var body = PersonListing(CaseNumber());
        var key = Guid.NewGuid().ToString();

        var first = await Liwan.PostAsync($"{Person(id)}/listings", body, key);
        var retry = await Liwan.PostAsync($"{Person(id)}/listings", body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await first.JsonAsync()).GetProperty("id").GetString(), (await retry.JsonAsync()).GetProperty("id").GetString());
        var subject = await (await Liwan.GetAsync(Person(id))).JsonAsync();
        Assert.Single(subject.GetProperty("listings").EnumerateArray());
        Assert.Equal(2, subject.GetProperty("version").GetInt64()); // listed + restricted, once

        body["obligation"] = "另一项义务";
        var reuse = await Liwan.PostAsync($"{Person(id)}/listings", body, key);
        await ProblemAssert.IsProblem(reuse, HttpStatusCode.Conflict, "Idempotency-Key");
    }

    [Fact]
    public async Task Listing_the_same_case_twice_is_a_conflict()
    {
        var id = Identities.AdultResidentId();
        var caseNumber = CaseNumber();
        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(caseNumber))).StatusCode);

        var again = await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(caseNumber));

        await ProblemAssert.IsProblem(again, HttpStatusCode.Conflict, "caseNumber");
    }

    [Fact]
    public async Task A_subject_may_hold_listings_of_several_courts_at_once()
    {
        var id = Identities.AdultResidentId();
        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber("粤0103")))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Intermediate.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber("粤01")))).StatusCode);

        var subject = await (await Intermediate.GetAsync(Person(id))).JsonAsync();

        Assert.Equal(new[] { "粤0103", "粤01" }, subject.GetProperty("listings").EnumerateArray().Select(l => l.GetProperty("court").GetString()!).ToArray());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
