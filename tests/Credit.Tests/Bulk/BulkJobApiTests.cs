using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Bulk.BulkJobs;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Bulk;

/// <summary>A court's bulk file meets the single-change API's rules row by row, changes nothing when sent again, and cannot
/// reach another court's cases.</summary>
[Collection(PlatformCollection.Name)]
public sealed class BulkJobApiTests(PlatformFixture fixture)
{
    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);
    private HttpClient Intermediate => fixture.Platform.Client(PlatformFixture.Intermediate);

    private static string InMonths(int months) => DateTime.UtcNow.AddHours(8).AddMonths(months).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Csv_with_Chinese_headers_lists_every_row_and_the_report_names_each_listing()
    {
        var rows = Enumerable.Range(0, 3).Select(_ => (Id: Identities.AdultResidentId(), Case: CaseNumber())).ToList();
        var file = Csv([ChineseListingHeader, .. rows.Select(r => ListingRow(r.Id, r.Case))]);

        var job = await Liwan.SubmitAcceptedAsync(file);
        var progress = await Liwan.WaitCompletedAsync(job);

        Assert.Equal(3, progress.GetProperty("rowsRead").GetInt32());
        Assert.Equal(3, progress.GetProperty("accepted").GetInt32());
        Assert.Equal(0, progress.GetProperty("refused").GetInt32());
        var report = await Liwan.ReportAsync(job);
        Assert.Equal([2, 3, 4], report.Select(r => r.Line));
        foreach (var (row, line) in rows.Zip(report))
        {
            // AlreadyApplied too when a first attempt was answered late on a loaded machine and the retry found the change made.
            Assert.Contains(line.Outcome, new[] { "Accepted", "AlreadyApplied" });
            var subject = await (await Liwan.GetAsync(Person(row.Id))).JsonAsync();
            var listing = Assert.Single(subject.GetProperty("listings").EnumerateArray());
            Assert.Equal(line.ItemId, listing.GetProperty("id").GetString());
            Assert.Equal(row.Case, listing.GetProperty("caseNumber").GetString());
        }
    }

    [Fact]
    public async Task Each_refused_row_names_the_field_and_rule_the_single_change_api_names()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var idInName = Identities.AdultResidentId();
        // The rule names the number as it should be written, so both sides send the same one.
        var zeros = CaseNumber().Replace("执", "执000", StringComparison.Ordinal);
        var cases = new List<(string Name, Func<string> Id, Func<JsonObject> Body)>
        {
            ("minor, Art. 4", () => Identities.ResidentId(today.AddYears(-17)), () => PersonListing(CaseNumber())),
            ("another court's case", Identities.AdultResidentId, () => PersonListing(CaseNumber("粤0104"))),
            ("not an enforcement case, Art. 5", Identities.AdultResidentId, () => PersonListing(CaseNumber().Replace("执", "执保", StringComparison.Ordinal))),
            ("no obligation", Identities.AdultResidentId, () => Without(PersonListing(CaseNumber()), "obligation")),
            ("unknown ground", Identities.AdultResidentId, () => With(PersonListing(CaseNumber()), b => b["grounds"]![0]!["ground"] = "Lazy")),
            // Read as flags, 1 | 2 would be 3, EvadesEnforcement: a third ground the court never chose.
            ("two grounds in one", Identities.AdultResidentId, () => With(PersonListing(CaseNumber()), b => b["grounds"]![0]!["ground"] = "RefusesDespiteAbility, ObstructsEnforcement")),
            ("amount as text", Identities.AdultResidentId, () => With(PersonListing(CaseNumber()), b => b["amountOwed"] = "much")),
            ("amount as a string of digits", Identities.AdultResidentId, () => With(PersonListing(CaseNumber()), b => b["amountOwed"] = "250000")),
            ("amount beyond any decimal", Identities.AdultResidentId, () => With(PersonListing(CaseNumber()), b => b["amountOwed"] = JsonNode.Parse("1e300"))),
            ("case number with leading zeros", Identities.AdultResidentId, () => PersonListing(zeros)),
            ("publication in the future", Identities.AdultResidentId, () => With(PersonListing(CaseNumber()), b => b["publicationDate"] = today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            ("resident ID with a wrong check character", () => Identities.AdultResidentId()[..17] + "Z", () => PersonListing(CaseNumber())),
            ("an ID number in the name, Art. 6", Identities.AdultResidentId, () => PersonListing(CaseNumber(), $"张三{idInName}")),
        };

        var single = new List<HashSet<string>>();
        foreach (var (_, id, body) in cases)
            single.Add(Refusals(await Liwan.PostAsync($"{Person(id())}/listings", body())));
        var file = string.Join('\n', cases.Select(c => NdjsonLine("listing", "resident-id", c.Id(), c.Body())));
        var job = await Liwan.SubmitAcceptedAsync(file, "application/x-ndjson");
        await Liwan.WaitCompletedAsync(job);
        var report = await Liwan.ReportAsync(job);

        for (var i = 0; i < cases.Count; i++)
        {
            var bulk = report.Where(r => r.Line == i + 1).Select(r => $"{Status(r.Kind)} {r.Field}: {r.Rule}").ToHashSet();
            Assert.True(single[i].Count > 0, $"{cases[i].Name}: the single-change API accepted it");
            Assert.True(single[i].SetEquals(bulk), $"{cases[i].Name}: single {string.Join(" | ", single[i])} but bulk {string.Join(" | ", bulk)}");
            Assert.All(report.Where(r => r.Line == i + 1), r => Assert.Equal("Refused", r.Outcome));
        }
    }

    [Fact]
    public async Task Flat_csv_rows_are_refused_as_the_single_change_api_refuses_the_same_values()
    {
        var (id, caseNumber) = (Identities.AdultResidentId(), CaseNumber());
        var row = ListingRow(id, caseNumber);
        row[Array.IndexOf(ChineseListingHeader, "履行情况")] = "Paid";
        row[Array.IndexOf(ChineseListingHeader, "生效法律文书确定的义务")] = "";
        var body = PersonListing(caseNumber);
        body["performance"]!["status"] = "Paid";
        body.Remove("obligation");

        var single = Refusals(await Liwan.PostAsync($"{Person(Identities.AdultResidentId())}/listings", body));
        var job = await Liwan.SubmitAcceptedAsync(Csv([ChineseListingHeader, row]));
        await Liwan.WaitCompletedAsync(job);
        var bulk = (await Liwan.ReportAsync(job)).Select(r => $"{Status(r.Kind)} {r.Field}: {r.Rule}").ToHashSet();

        // The single-change API stops at the first value it cannot read; the file names each.
        Assert.Contains("400 performance.status: must be one of NotPerformed, PartlyPerformed", bulk);
        Assert.Contains("400 obligation: is required", bulk);
        Assert.Subset(bulk, single);
        Assert.Equal(HttpStatusCode.NotFound, (await Liwan.GetAsync(Person(id))).StatusCode);
    }

    [Fact]
    public async Task The_same_file_submitted_twice_changes_nothing_the_second_time()
    {
        var rows = Enumerable.Range(0, 4).Select(_ => (Id: Identities.AdultResidentId(), Case: CaseNumber())).ToList();
        var file = Csv([ChineseListingHeader, .. rows.Select(r => ListingRow(r.Id, r.Case))]);
        var first = await Liwan.WaitCompletedAsync(await Liwan.SubmitAcceptedAsync(file));
        var before = await HistoriesAsync(rows.Select(r => r.Id));

        var again = await Liwan.SubmitAcceptedAsync(file);
        var second = await Liwan.WaitCompletedAsync(again);

        Assert.Equal(4, first.GetProperty("accepted").GetInt32());
        Assert.Equal(4, second.GetProperty("accepted").GetInt32());
        Assert.Equal(4, second.GetProperty("alreadyApplied").GetInt32());
        Assert.Equal(before, await HistoriesAsync(rows.Select(r => r.Id)));
        Assert.All(await Liwan.ReportAsync(again), r => Assert.Equal("AlreadyApplied", r.Outcome));
    }

    [Fact]
    public async Task A_courts_file_cannot_touch_another_courts_case()
    {
        var (id, intermediateCase) = (Identities.AdultResidentId(), CaseNumber("粤01"));
        var listed = await Intermediate.PostAsync($"{Person(id)}/listings", PersonListing(intermediateCase));
        Assert.Equal(HttpStatusCode.Created, listed.StatusCode);
        var file = string.Join('\n',
            NdjsonLine("removal", "resident-id", id, new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已履行" }, caseNumber: intermediateCase),
            NdjsonLine("listing", "resident-id", Identities.AdultResidentId(), PersonListing(CaseNumber("粤01"))));

        var job = await Liwan.SubmitAcceptedAsync(file, "application/x-ndjson");
        var progress = await Liwan.WaitCompletedAsync(job);

        Assert.Equal(2, progress.GetProperty("refused").GetInt32());
        Assert.All(await Liwan.ReportAsync(job), r => Assert.Equal(("Refused", "Forbidden"), (r.Outcome, r.Kind)));
        var subject = await (await Liwan.GetAsync(Person(id))).JsonAsync();
        Assert.Equal("Active", Assert.Single(subject.GetProperty("listings").EnumerateArray()).GetProperty("status").GetString());
        // Nor submit to, or read, another court's jobs.
        await ProblemAssert.IsProblem(await Liwan.SubmitAsync(Csv([ChineseListingHeader]), path: IntermediatePath), HttpStatusCode.Forbidden, "court");
        Assert.Equal(HttpStatusCode.NotFound, (await Intermediate.GetAsync(job.Replace("%E7%B2%A40103", "%E7%B2%A401", StringComparison.Ordinal))).StatusCode);
    }

    [Fact]
    public async Task Corrections_removals_and_liftings_by_case_apply_after_the_rows_before_them()
    {
        var (person, listingCase) = (Identities.AdultResidentId(), CaseNumber());
        var (banned, banCase) = (Identities.AdultResidentId(), CaseNumber());
        var header = new[] { "action", "documentType", "number", "name", "caseNumber", "enforcementBasisIssuer", "enforcementBasisNumber", "obligation",
            "amountOwed", "performance", "ground", "behaviour", "filingDate", "publicationDate", "decisionNumber", "decisionDate", "initiative",
            "startDate", "endDate", "reason", "explanation" };
        string[] Row(params (string Column, string Value)[] cells) =>
            [.. header.Select(h => cells.FirstOrDefault(c => c.Column == h).Value ?? "")];
        var listing = ListingRow(person, listingCase);
        var file = Csv([
            header,
            Row(("action", "listing"), ("documentType", "resident-id"), ("number", person), ("name", "张三"), ("caseNumber", listingCase),
                ("enforcementBasisIssuer", listing[5]), ("enforcementBasisNumber", listing[6]), ("obligation", listing[7]), ("amountOwed", listing[8]),
                ("performance", "NotPerformed"), ("ground", "RefusesDespiteAbility"), ("behaviour", listing[11]), ("filingDate", listing[12]),
                ("publicationDate", Today), ("decisionNumber", listing[14]), ("decisionDate", Today), ("initiative", "OwnMotion")),
            Row(("action", "correction"), ("documentType", "resident-id"), ("number", person), ("caseNumber", listingCase),
                ("obligation", "支付货款90000元"), ("explanation", "义务录入错误")),
            Row(("action", "removal"), ("documentType", "resident-id"), ("number", person), ("caseNumber", listingCase),
                ("reason", "FullPerformance"), ("explanation", "已全部履行")),
            Row(("action", "exit-ban"), ("documentType", "resident-id"), ("number", banned), ("name", "王五"), ("caseNumber", banCase),
                ("decisionNumber", $"{banCase}之二"), ("decisionDate", Today), ("startDate", Today), ("endDate", InMonths(3))),
            Row(("action", "exit-ban-lifting"), ("documentType", "resident-id"), ("number", banned), ("caseNumber", banCase),
                ("reason", "FullPerformance"), ("explanation", "已全部履行")),
        ]);

        var job = await Liwan.SubmitAcceptedAsync(file);
        var progress = await Liwan.WaitCompletedAsync(job);

        Assert.True(progress.GetProperty("accepted").GetInt32() == 5, string.Join("\n", await Liwan.ReportAsync(job)));
        var subject = await (await Liwan.GetAsync(Person(person))).JsonAsync();
        var removed = Assert.Single(subject.GetProperty("listings").EnumerateArray());
        Assert.Equal(("Removed", "支付货款90000元"), (removed.GetProperty("status").GetString(), removed.GetProperty("obligation").GetString()));
        var ban = Assert.Single((await (await Liwan.GetAsync(Person(banned))).JsonAsync()).GetProperty("exitBans").EnumerateArray());
        Assert.Equal("Lifted", ban.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_subjects_rows_are_decided_in_file_order_and_a_refused_one_leaves_the_rows_after_it_to_their_own_fate()
    {
        var (person, firstCase, secondCase, noCase) = (Identities.AdultResidentId(), CaseNumber(), CaseNumber(), CaseNumber());
        var header = new[] { "action", "documentType", "number", "name", "caseNumber", "enforcementBasisIssuer", "enforcementBasisNumber", "obligation",
            "amountOwed", "performance", "ground", "behaviour", "filingDate", "publicationDate", "decisionNumber", "decisionDate", "initiative",
            "reason", "explanation" };
        string[] Row(params (string Column, string Value)[] cells) =>
            [.. header.Select(h => cells.FirstOrDefault(c => c.Column == h).Value ?? "")];
        string[] Listing(string caseNumber)
        {
            var listing = ListingRow(person, caseNumber);
            return Row(("action", "listing"), ("documentType", "resident-id"), ("number", person), ("name", "张三"), ("caseNumber", caseNumber),
                ("enforcementBasisIssuer", listing[5]), ("enforcementBasisNumber", listing[6]), ("obligation", listing[7]), ("amountOwed", listing[8]),
                ("performance", "NotPerformed"), ("ground", "RefusesDespiteAbility"), ("behaviour", listing[11]), ("filingDate", listing[12]),
                ("publicationDate", Today), ("decisionNumber", listing[14]), ("decisionDate", Today), ("initiative", "OwnMotion"));
        }
        var file = Csv([
            header,
            Listing(firstCase),
            Row(("action", "removal"), ("documentType", "resident-id"), ("number", person), ("caseNumber", noCase),
                ("reason", "FullPerformance"), ("explanation", "已全部履行")),
            Row(("action", "correction"), ("documentType", "resident-id"), ("number", person), ("caseNumber", firstCase),
                ("obligation", "支付货款90000元"), ("explanation", "义务录入错误")),
            Listing(secondCase),
        ]);

        var job = await Liwan.SubmitAcceptedAsync(file);
        var progress = await Liwan.WaitCompletedAsync(job);
        var history = await HistoriesAsync([person]);

        var report = await Liwan.ReportAsync(job);
        Assert.True(progress.GetProperty("accepted").GetInt32() == 3, string.Join("\n", report));
        var refused = Assert.Single(report, r => r.Outcome == "Refused");
        Assert.Equal((3, "caseNumber"), (refused.Line, refused.Field));
        var listings = (await (await Liwan.GetAsync(Person(person))).JsonAsync()).GetProperty("listings").EnumerateArray()
            .ToDictionary(l => l.GetProperty("caseNumber").GetString()!, l => (l.GetProperty("status").GetString(), l.GetProperty("obligation").GetString()));
        Assert.Equal(("Active", "支付货款90000元"), listings[firstCase]);
        Assert.Equal("Active", listings[secondCase].Item1);
        Assert.Equal(2, listings.Count);

        // Sent again, every row is answered as before and the subject's history does not move.
        var again = await Liwan.SubmitAcceptedAsync(file);
        var second = await Liwan.WaitCompletedAsync(again);
        Assert.Equal(3, second.GetProperty("alreadyApplied").GetInt32());
        Assert.Equal(1, second.GetProperty("refused").GetInt32());
        Assert.Equal(history, await HistoriesAsync([person]));
    }

    [Fact]
    public async Task A_file_that_is_not_csv_or_ndjson_or_breaks_the_column_set_is_refused_naming_the_field()
    {
        await ProblemAssert.IsProblem(await Liwan.SubmitAsync("{\"action\":\"listing\"}", "application/json"), HttpStatusCode.UnsupportedMediaType, "Content-Type");
        await ProblemAssert.IsProblem(await Liwan.SubmitAsync("a,b\n", "text/csv; charset=iso-8859-1"), HttpStatusCode.UnsupportedMediaType, "Content-Type");
        var unknown = await ProblemAssert.IsProblem(await Liwan.SubmitAsync("操作,证件类型,证件号码,籍贯\nlisting,resident-id,1,广州\n"), HttpStatusCode.BadRequest, "header");
        Assert.Contains("籍贯", unknown.GetRawText());
        await ProblemAssert.IsProblem(await Liwan.SubmitAsync("姓名,案号\n张三,(2026)粤0103执1号\n"), HttpStatusCode.BadRequest, "header");
        await ProblemAssert.IsProblem(await Liwan.SubmitAsync("action,documentType,number\n"), HttpStatusCode.BadRequest, "body");
        await ProblemAssert.IsProblem(await Liwan.SubmitAsync("this is not json\n{}", "application/x-ndjson"), HttpStatusCode.BadRequest, "body");
        await ProblemAssert.IsProblem(await Liwan.SubmitAsync("action,number\n\u00ff", "text/csv"), HttpStatusCode.BadRequest, "header");
        var latin1 = new ByteArrayContent([.. "action,documentType,number\n"u8.ToArray(), 0xC0, 0x0A]);
        latin1.Headers.ContentType = new("text/csv");
        await ProblemAssert.IsProblem(await Liwan.PostAsync(LiwanPath, latin1), HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task A_file_that_breaks_after_many_rows_are_stored_is_refused_and_none_of_its_rows_is_kept()
    {
        // Rows are copied into the database while the next ones are still read and checked; bytes that are not UTF-8 three
        // batches in must still leave nothing behind: no job, no listing of the rows before them.
        var ids = Enumerable.Range(0, 1_300).Select(_ => Identities.AdultResidentId()).ToList();
        var rows = Encoding.UTF8.GetBytes(Csv([ChineseListingHeader, .. ids.Select(id => ListingRow(id, CaseNumber()))]));
        var broken = new ByteArrayContent([.. rows, 0xC0, 0x0A]);
        broken.Headers.ContentType = new("text/csv");
        var jobsBefore = await StoredJobsAsync();

        var refused = await ProblemAssert.IsProblem(await Liwan.PostAsync(LiwanPath, broken), HttpStatusCode.BadRequest, "body");

        Assert.Contains("UTF-8", refused.GetRawText());
        Assert.Equal(jobsBefore, await StoredJobsAsync());
        foreach (var id in new[] { ids[0], ids[600], ids[^1] })
            Assert.Equal(HttpStatusCode.NotFound, (await Liwan.GetAsync(Person(id))).StatusCode);
    }

    [Fact]
    public async Task A_decided_row_keeps_only_what_its_report_line_needs_not_the_request_with_its_personal_data()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var (adult, minor) = (Identities.AdultResidentId(), Identities.ResidentId(today.AddYears(-16)));
        var file = Csv([ChineseListingHeader, ListingRow(adult, CaseNumber(), name: "李四"), ListingRow(minor, CaseNumber(), name: "王小明")]);

        var job = await Liwan.SubmitAcceptedAsync(file);
        await Liwan.WaitCompletedAsync(job);

        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var kept = database.CreateCommand("SELECT count(*) FROM bulk_job_rows WHERE job_id = $1 AND (command IS NOT NULL OR outcome = 0)");
        kept.Parameters.AddWithValue(Guid.Parse(job[(job.LastIndexOf('/') + 1)..]));
        Assert.Equal(0L, await kept.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        var report = await Liwan.ReportAsync(job);
        Assert.Equal([adult, minor], report.Select(r => r.Number));
        Assert.Equal(["Accepted", "Refused"], report.Select(r => r.Outcome == "AlreadyApplied" ? "Accepted" : r.Outcome));
    }

    private async Task<long> StoredJobsAsync()
    {
        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var count = database.CreateCommand("SELECT count(*) FROM bulk_jobs");
        return (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private static string Status(string kind) => kind switch
    {
        "Invalid" => "400",
        "Forbidden" => "403",
        "NotFound" => "404",
        _ => "409",
    };

    /// <summary>The single-change API's refusal as "status field: rule" lines.</summary>
    private static HashSet<string> Refusals(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status < 400)
            return [];
        var problem = response.JsonAsync().GetAwaiter().GetResult();
        if (problem.TryGetProperty("errors", out var errors))
            return errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(rule => $"{status} {e.Name}: {rule.GetString()}")).ToHashSet();
        return [$"{status} {problem.GetProperty("field").GetString()}: {problem.GetProperty("rule").GetString()}"];
    }

    private async Task<List<string>> HistoriesAsync(IEnumerable<string> ids)
    {
        var histories = new List<string>();
        foreach (var id in ids)
            histories.Add(await (await Liwan.GetAsync($"{Person(id)}/history")).Content.ReadAsStringAsync());
        return histories;
    }

    private static JsonObject Without(JsonObject body, string member)
    {
        body.Remove(member);
        return body;
    }

    private static JsonObject With(JsonObject body, Action<JsonObject> change)
    {
        change(body);
        return body;
    }
}
