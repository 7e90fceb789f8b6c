using System.Globalization;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Bulk.BulkJobs;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Bulk;

/// <summary>An exit ban's correction in a bulk file (更正限制出境), by the case it was imposed in: the same rules as the single
/// change, a later end refused naming its column.</summary>
[Collection(PlatformCollection.Name)]
public sealed class BulkExitBanCorrectionTests(PlatformFixture fixture)
{
    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);

    private static string InMonths(int months) => DateTime.UtcNow.AddHours(8).AddMonths(months).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_exit_ban_is_corrected_by_its_case_in_a_file_and_a_later_end_is_refused_naming_the_column()
    {
        var (banned, banCase) = (Identities.AdultResidentId(), CaseNumber());
        var header = new[] { "操作", "证件类型", "证件号码", "姓名", "案号", "决定书文号", "决定日期", "开始日期", "结束日期", "说明" };
        var mistyped = $"{banCase[1..5]}-01-03";
        var file = Csv([
            header,
            ["限制出境", "居民身份证", banned, "王五", banCase, $"{banCase}之二", mistyped, Today, InMonths(3), ""],
            ["更正限制出境", "居民身份证", banned, "", banCase, "", Today, "", "", "决定日期录入错误"],
            ["exit-ban-correction", "resident-id", banned, "", banCase, "", "", "", InMonths(4), "结束日期录入错误"],
        ]);

        var job = await Liwan.SubmitAcceptedAsync(file);
        await Liwan.WaitCompletedAsync(job);

        var report = await Liwan.ReportAsync(job);
        Assert.Equal(["Accepted", "Accepted", "Refused"], report.Select(r => r.Outcome));
        Assert.Equal(("endDate", "endDate (结束日期)"), (report[2].Field, report[2].Column));
        Assert.Contains("renewal", report[2].Rule);
        var subject = await (await Liwan.GetAsync(Person(banned))).JsonAsync();
        var ban = Assert.Single(subject.GetProperty("exitBans").EnumerateArray());
        Assert.Equal((Today, InMonths(3), report[1].ItemId), (ban.GetProperty("decisionDate").GetString(), ban.GetProperty("endDate").GetString(), ban.GetProperty("id").GetString()));
        var history = (await (await Liwan.GetAsync($"{Person(banned)}/history")).JsonAsync()).EnumerateArray().Select(c => c.GetProperty("kind").GetString());
        Assert.Equal(["ExitBanImposed", "ExitBanCorrected"], history);
    }

    [Fact]
    public async Task A_filled_cell_the_rows_action_does_not_take_refuses_the_row_naming_its_column_instead_of_being_ignored()
    {
        var (banned, banCase) = (Identities.AdultResidentId(), CaseNumber());
        var file = Csv([
            ["action", "documentType", "number", "name", "caseNumber", "itemId", "decisionNumber", "decisionDate", "startDate", "endDate", "explanation"],
            ["exit-ban", "resident-id", banned, "王五", banCase, "", $"{banCase}之二", Today, Today, InMonths(3), ""],
            ["exit-ban-correction", "resident-id", banned, "", banCase, "", "", "", Today, InMonths(2), "开始日期录入错误"],
            ["exit-ban-correction", "resident-id", banned, "王伍", banCase, "", "", "", "", InMonths(2), "姓名录入错误"],
            ["exit-ban-correction", "resident-id", banned, "", banCase, Guid.NewGuid().ToString(), "", "", "", InMonths(2), "结束日期录入错误"],
        ]);

        var job = await Liwan.SubmitAcceptedAsync(file);
        await Liwan.WaitCompletedAsync(job);

        var report = await Liwan.ReportAsync(job);
        Assert.Equal(["Accepted", "Refused", "Refused", "Refused"], report.Select(r => r.Outcome));
        Assert.Equal(["startDate", "name", "caseNumber"], report.Skip(1).Select(r => r.Field));
        Assert.Contains("is not taken by a row of action exit-ban-correction", report[1].Rule);
        Assert.Contains("not both", report[3].Rule);
        var ban = Assert.Single((await (await Liwan.GetAsync(Person(banned))).JsonAsync()).GetProperty("exitBans").EnumerateArray());
        Assert.Equal(InMonths(3), ban.GetProperty("endDate").GetString());
    }
}
