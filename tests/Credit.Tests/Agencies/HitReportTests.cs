using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Client;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Agencies;

/// <summary>Hit reports (命中反馈): an agency reports an interception, the platform names the answerable court and
/// case from its own record, and only that court sees the hit and counts it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class HitReportTests(PlatformFixture fixture)
{
    private const string Yuexiu = "demo-yuexiu-district-court";
    private const string RailwayHits = "/api/v1/agencies/railway/hits";

    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);
    private HttpClient Railway => fixture.Platform.Client("demo-railway");

    private static JsonObject Hit(string subject, string measure = "C01", DateTimeOffset? occurredAt = null, string? reportId = null) => new()
    {
        ["reportId"] = reportId ?? $"RW-{Guid.NewGuid():N}",
        ["subject"] = subject,
        ["measure"] = measure,
        ["occurredAt"] = occurredAt ?? DateTimeOffset.UtcNow,
        ["place"] = "广州南站 12号售票窗口",
        ["outcome"] = "Intercepted",
    };

    private static Task<HttpResponseMessage> Report(HttpClient agency, JsonNode body, string path = RailwayHits) =>
        agency.PostAsJsonAsync(path, body);

    private async Task<(string Id, string CaseNumber)> ListedPerson()
    {
        var id = Identities.AdultResidentId();
        var caseNumber = CaseNumber();
        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(caseNumber))).StatusCode);
        return (id, caseNumber);
    }

    private static string ChinaDay(DateTimeOffset instant) =>
        instant.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<List<JsonElement>> AllHits(HttpClient court, string query = "")
    {
        var hits = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await (await court.GetAsync($"/api/v1/hits?limit=2{query}{(cursor is null ? "" : $"&cursor={cursor}")}")).JsonAsync();
            hits.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return hits;
    }

    private static async Task<JsonElement> Statistics(HttpClient court, string day)
    {
        var response = await court.GetAsync($"/api/v1/hits/statistics?from={day}&to={day}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static long Count(JsonElement statistics, string group, string key) =>
        statistics.GetProperty(group).EnumerateArray().Where(c => c.GetProperty("key").GetString() == key).Sum(c => c.GetProperty("count").GetInt64());

    [Fact]
    public async Task Railway_hit_on_a_listed_person_names_the_listing_court_and_case_and_only_that_court_sees_it()
    {
        var (id, caseNumber) = await ListedPerson();
        var occurredAt = DateTimeOffset.UtcNow;
        var day = ChinaDay(occurredAt);
        var liwanBefore = await Statistics(Liwan, day);
        var yuexiuBefore = await Statistics(fixture.Platform.Client(Yuexiu), day);

        var response = await Report(Railway, Hit(id, "C01", occurredAt));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var hit = await response.JsonAsync();
        Assert.Equal("粤0103", hit.GetProperty("court").GetString());
        Assert.Equal(caseNumber, hit.GetProperty("caseNumber").GetString());
        Assert.Equal("railway", hit.GetProperty("agency").GetString());
        Assert.Equal("C01", hit.GetProperty("measure").GetString());
        Assert.Equal($"p:{id}", hit.GetProperty("subject").GetString());
        Assert.Equal("demo system, 铁路售票", hit.GetProperty("reportedBy").GetString());
        var hitId = hit.GetProperty("id").GetString();

        var seen = Assert.Single(await AllHits(Liwan, "&agency=railway"), h => h.GetProperty("id").GetString() == hitId);
        Assert.Equal(caseNumber, seen.GetProperty("caseNumber").GetString());
        Assert.Equal("广州南站 12号售票窗口", seen.GetProperty("place").GetString());
        var liwanAfter = await Statistics(Liwan, day);
        Assert.Equal(liwanBefore.GetProperty("total").GetInt64() + 1, liwanAfter.GetProperty("total").GetInt64());
        Assert.Equal(Count(liwanBefore, "byAgency", "railway") + 1, Count(liwanAfter, "byAgency", "railway"));
        Assert.Equal(Count(liwanBefore, "byMeasure", "C01") + 1, Count(liwanAfter, "byMeasure", "C01"));
        Assert.Equal(Count(liwanBefore, "byOutcome", "Intercepted") + 1, Count(liwanAfter, "byOutcome", "Intercepted"));

        // Another court neither lists nor counts it.
        var yuexiu = fixture.Platform.Client(Yuexiu);
        Assert.DoesNotContain(await AllHits(yuexiu), h => h.GetProperty("id").GetString() == hitId);
        Assert.Equal(yuexiuBefore.GetProperty("total").GetInt64(), (await Statistics(yuexiu, day)).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Entitys_legal_representative_is_a_hit_for_a_consumption_measure_naming_the_entitys_case()
    {
        var code = Identities.CreditCode();
        var representative = Identities.AdultResidentId();
        var caseNumber = CaseNumber();
        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Entity(code)}/listings", EntityListing(caseNumber, representative))).StatusCode);

        var response = await Report(Railway, Hit(representative, "C01"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var hit = await response.JsonAsync();
        Assert.Equal("粤0103", hit.GetProperty("court").GetString());
        Assert.Equal(caseNumber, hit.GetProperty("caseNumber").GetString());

        // The representative is restricted, not listed: a measure that follows the listing does not reach them.
        var planning = await Report(fixture.Platform.Client("demo-planning-land"), Hit(representative, "L01"), "/api/v1/agencies/planning-land/hits");
        await ProblemAssert.IsProblem(planning, (HttpStatusCode)422, "subject");
    }

    [Fact]
    public async Task Measure_of_another_agency_is_refused_naming_measure()
    {
        var (id, _) = await ListedPerson();

        await ProblemAssert.IsProblem(await Report(Railway, Hit(id, "L01")), (HttpStatusCode)422, "measure");
        await ProblemAssert.IsProblem(await Report(Railway, Hit(id, "X01")), (HttpStatusCode)422, "measure");
        await ProblemAssert.IsProblem(await Report(Railway, Hit(id, "Z99")), (HttpStatusCode)422, "measure");
    }

    [Fact]
    public async Task Subject_never_intercepted_for_the_measure_is_refused_naming_subject()
    {
        var unknown = Identities.AdultResidentId();
        var problem = await ProblemAssert.IsProblem(await Report(Railway, Hit(unknown)), (HttpStatusCode)422, "subject");
        Assert.Contains("C01", problem.GetProperty("rule").GetString());

        // Listed, but never banned from leaving: border inspection's exit measure did not apply.
        var (listed, _) = await ListedPerson();
        var border = await Report(fixture.Platform.Client("demo-border-inspection"), Hit(listed, "X01"), "/api/v1/agencies/border-inspection/hits");
        await ProblemAssert.IsProblem(border, (HttpStatusCode)422, "subject");
        Assert.DoesNotContain(await AllHits(Liwan), h => h.GetProperty("subject").GetString() == $"p:{unknown}" || h.GetProperty("subject").GetString() == $"p:{listed}");
    }

    [Fact]
    public async Task Late_report_after_removal_still_names_the_court_and_case()
    {
        var (id, caseNumber) = await ListedPerson();
        var occurredAt = DateTimeOffset.UtcNow;
        var listingId = (await (await Liwan.GetAsync(Person(id))).JsonAsync()).GetProperty("listings")[0].GetProperty("id").GetString();
        var removed = await Liwan.PostAsync($"{Person(id)}/listings/{listingId}/removal",
            new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已全部履行" });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);

        var response = await Report(Railway, Hit(id, "C01", occurredAt));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var hit = await response.JsonAsync();
        Assert.Equal("粤0103", hit.GetProperty("court").GetString());
        Assert.Equal(caseNumber, hit.GetProperty("caseNumber").GetString());
    }

    [Fact]
    public async Task Intercepted_after_the_court_removed_the_listing_the_same_day_is_refused()
    {
        var (id, _) = await ListedPerson();
        var listingId = (await (await Liwan.GetAsync(Person(id))).JsonAsync()).GetProperty("listings")[0].GetProperty("id").GetString();
        var removed = await Liwan.PostAsync($"{Person(id)}/listings/{listingId}/removal",
            new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已全部履行" });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);

        // The debtor paid and was released: a stop after that is none the court answers for, even on the same day.
        var response = await Report(Railway, Hit(id, "C01", DateTimeOffset.UtcNow));

        await ProblemAssert.IsProblem(response, (HttpStatusCode)422, "subject");
        Assert.DoesNotContain(await AllHits(Liwan), h => h.GetProperty("subject").GetString() == $"p:{id}");
    }

    [Fact]
    public async Task Intercepted_before_the_court_listed_the_subject_the_same_day_is_refused()
    {
        // A stop in the morning, the listing (and its consumption restriction) in the afternoon of the same China day.
        var morning = DateTimeOffset.UtcNow.AddSeconds(-1);
        var (id, _) = await ListedPerson();

        // The platform held nothing then that the railway could have followed, so no court answers for the stop.
        var response = await Report(Railway, Hit(id, "C01", morning));

        await ProblemAssert.IsProblem(response, (HttpStatusCode)422, "subject");
        Assert.DoesNotContain(await AllHits(Liwan), h => h.GetProperty("subject").GetString() == $"p:{id}");
        Assert.Equal(HttpStatusCode.Created, (await Report(Railway, Hit(id, "C01", DateTimeOffset.UtcNow))).StatusCode);
    }

    [Theory]
    [InlineData("2026-12-03T10:00:00+0800", "the offset is written with a colon, +08:00, not +0800")]
    [InlineData("2026-12-03 10:00", "must be a date and time in ISO 8601 with its offset, e.g. 2025-03-01T08:30:00+08:00")]
    public async Task A_time_not_in_iso_8601_is_refused_naming_the_form_it_takes(string occurredAt, string rule)
    {
        var (id, _) = await ListedPerson();
        var body = Hit(id);
        body["occurredAt"] = occurredAt;

        var problem = await ProblemAssert.IsProblem(await Report(Railway, body), HttpStatusCode.BadRequest, "occurredAt");

        Assert.Contains(rule, problem.GetProperty("errors").GetProperty("occurredAt")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_time_without_an_offset_is_refused_naming_occurredAt_and_the_rule()
    {
        var (id, _) = await ListedPerson();
        var body = Hit(id);
        // China time as an agency's system might send it, with nothing to say so.
        body["occurredAt"] = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

        var problem = await ProblemAssert.IsProblem(await Report(Railway, body), HttpStatusCode.BadRequest, "occurredAt");

        Assert.Contains("must carry an offset, e.g. +08:00", problem.GetProperty("errors").GetProperty("occurredAt")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await AllHits(Liwan), h => h.GetProperty("subject").GetString() == $"p:{id}");
    }

    [Fact]
    public async Task Retried_report_is_stored_once()
    {
        var (id, _) = await ListedPerson();
        var body = Hit(id);
        body["outcome"] = "Warned";
        body["note"] = "已提示并转人工复核";

        var first = await Report(Railway, body);
        var again = await Report(Railway, body);
        var racing = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Report(Railway, body)));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.All(racing, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stored = (await first.JsonAsync()).GetProperty("id").GetString();
        Assert.Equal(stored, (await again.JsonAsync()).GetProperty("id").GetString());
        var reportId = body["reportId"]!.GetValue<string>();
        var hit = Assert.Single(await AllHits(Liwan), h => h.GetProperty("reportId").GetString() == reportId);
        Assert.Equal("Warned", hit.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Concurrent_first_reports_under_one_report_id_store_one_hit()
    {
        var (id, _) = await ListedPerson();
        var body = Hit(id);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Report(Railway, body)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, a.StatusCode.ToString()));
        var ids = await Task.WhenAll(answers.Select(async a => (await a.JsonAsync()).GetProperty("id").GetString()));
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task Same_report_id_with_a_different_report_is_a_conflict()
    {
        var (id, _) = await ListedPerson();
        var body = Hit(id);
        Assert.Equal(HttpStatusCode.Created, (await Report(Railway, body)).StatusCode);

        var changed = body.DeepClone();
        changed["place"] = "广州东站";

        await ProblemAssert.IsProblem(await Report(Railway, changed), HttpStatusCode.Conflict, "reportId");
        var reportId = body["reportId"]!.GetValue<string>();
        Assert.Equal("广州南站 12号售票窗口",
            Assert.Single(await AllHits(Liwan), h => h.GetProperty("reportId").GetString() == reportId).GetProperty("place").GetString());
    }

    /// <summary>A field and a value that breaks its rule; an empty value leaves the field out.</summary>
    public static TheoryData<string, string> BadReports => new()
    {
        { "reportId", "" },
        { "reportId", new string('R', 65) },
        { "subject", "" },
        { "subject", "12345" },
        { "subject", "pp:AB" },
        { "measure", "" },
        { "occurredAt", "" },
        { "occurredAt", DateTimeOffset.UtcNow.AddHours(1).ToString("O", CultureInfo.InvariantCulture) },
        { "occurredAt", DateTimeOffset.UtcNow.AddYears(-2).ToString("O", CultureInfo.InvariantCulture) },
        { "occurredAt", "yesterday" },
        { "place", "   " },
        { "place", new string('站', 201) },
        { "outcome", "" },
        { "outcome", "Arrested" },
        { "note", new string('注', 501) },
    };

    [Theory]
    [MemberData(nameof(BadReports))]
    public async Task Bad_report_is_refused_naming_the_field(string field, string value)
    {
        var (id, _) = await ListedPerson();
        var body = Hit(id);
        if (value.Length == 0)
            body.Remove(field);
        else
            body[field] = value;

        await ProblemAssert.IsProblem(await Report(Railway, body), HttpStatusCode.BadRequest, field);

        Assert.DoesNotContain(await AllHits(Liwan), h => h.GetProperty("subject").GetString() == $"p:{id}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"reportId\": ")]
    [InlineData("{\"reportId\": 42}")]
    [InlineData("{\"occurredAt\": \"0001-01-01T00:00:00+14:00\"}")]
    [InlineData("{\"occurredAt\": \"9999-12-31T23:59:59-14:00\"}")]
    public async Task Unreadable_report_is_refused_with_problem_details(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, RailwayHits) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

        var response = await Railway.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("limit=abc", "limit")]
    [InlineData("to=9999-12-31", "to")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("from=2025-03-02&to=2025-03-01", "to")]
    [InlineData("from=0001-01-01", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("agency=no-such-agency", "agency")]
    public async Task Bad_court_query_is_refused_naming_the_field(string query, string field)
    {
        await ProblemAssert.IsProblem(await Liwan.GetAsync($"/api/v1/hits?{query}"), HttpStatusCode.BadRequest, field);
        if (field is "from" or "to")
            await ProblemAssert.IsProblem(await Liwan.GetAsync($"/api/v1/hits/statistics?{query}"), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Court_pages_through_its_hits_newest_first()
    {
        var intermediate = fixture.Platform.Client(PlatformFixture.Intermediate);
        var id = Identities.AdultResidentId();
        Assert.Equal(HttpStatusCode.Created, (await intermediate.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber("粤01")))).StatusCode);
        // Hits a few seconds after the listing, not before it: just after midnight China time, a hit minutes earlier
        // falls on the day before the listing began, when nothing held the subject (a 422, rightly).
        var listedAt = DateTimeOffset.UtcNow;
        var reported = new List<string>();
        foreach (var secondsLater in new[] { 1, 3, 2 })
        {
            var response = await Report(Railway, Hit(id, "C01", listedAt.AddSeconds(secondsLater)));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            reported.Add((await response.JsonAsync()).GetProperty("id").GetString()!);
        }

        var pages = await AllHits(intermediate);

        var ids = pages.Select(h => h.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(new[] { reported[1], reported[2], reported[0] }, ids.Where(reported.Contains));
        Assert.All(pages, h => Assert.Equal("粤01", h.GetProperty("court").GetString()));
    }

    [Fact]
    public async Task Agency_reports_and_court_counts_through_the_generated_client()
    {
        var (id, caseNumber) = await ListedPerson();
        var railway = new CreditClient(Railway);
        var court = new CreditClient(Liwan);
        var occurredAt = DateTimeOffset.UtcNow;
        var day = DateOnly.FromDateTime(occurredAt.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var before = await court.GetHitStatisticsAsync(day, day);

        var hit = await railway.ReportHitAsync("railway", new HitReportRequest
        {
            ReportId = $"RW-{Guid.NewGuid():N}",
            Subject = id,
            Measure = "C01",
            OccurredAt = occurredAt,
            Place = "广州南站",
            Outcome = HitOutcome.Warned,
        });

        Assert.Equal(caseNumber, hit.CaseNumber);
        var after = await court.GetHitStatisticsAsync(day, day);
        Assert.Equal(before.Total + 1, after.Total);
        Assert.Contains(after.ByOutcome, c => c.Key == "Warned");
        var refused = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => railway.ReportHitAsync("railway", new HitReportRequest
        {
            ReportId = $"RW-{Guid.NewGuid():N}",
            Subject = Identities.AdultResidentId(),
            Measure = "C01",
            OccurredAt = occurredAt,
            Place = "广州南站",
            Outcome = HitOutcome.Intercepted,
        }));
        Assert.Equal(422, refused.StatusCode);
    }

    [Fact]
    public async Task Agency_may_report_only_on_its_own_route_and_courts_only_read_hits()
    {
        var (id, _) = await ListedPerson();

        await ProblemAssert.IsProblem(await Report(Railway, Hit(id, "L01"), "/api/v1/agencies/planning-land/hits"), HttpStatusCode.Forbidden, "agency");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Report(fixture.Platform.Client(), Hit(id))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Report(Liwan, Hit(id))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Railway.GetAsync("/api/v1/hits")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Platform.Client().GetAsync("/api/v1/hits/statistics")).StatusCode);
    }
}
