using System.Net;
using Credit.Tests.Infrastructure;

namespace Credit.Tests.Objections;

/// <summary>The public site's objection page in a real headless Chromium: the subject files (Art. 11), gets a receipt and follows
/// the objection with it.</summary>
public sealed class ObjectionPageBrowserTests(PresentObjectionFixture platform) : IClassFixture<PresentObjectionFixture>
{
    [Fact]
    public async Task Subject_files_on_the_public_page_gets_a_receipt_and_sees_the_review_under_way_Art11()
    {
        var (id, caseNumber, _) = await platform.ListAsync("页面申");
        var file = Path.Combine(Path.GetTempPath(), $"credit-objection-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, TestPdfs.Built());
        try
        {
            using var browser = HeadlessChromium.Desktop();
            browser.Open(new Uri(platform.Platform.Address, "/objection.html"));
            browser.Type("#number", id);
            browser.Type("#caseNumber", caseNumber);
            browser.Type("#name", "页面申");
            browser.Type("#grounds", "本人已全部履行，请求撤销。");
            browser.Type("#phone", "13800138000");
            browser.Find("#files").SendKeys(file);
            browser.Find("#submit").Click();
            var receipt = browser.WaitUntil(b => b.Find("#new-receipt").Text is { Length: 19 } text ? text : null, "the receipt");
            // The applicant code is shown once, with the instruction to keep it, and nowhere else.
            Assert.Matches("^[0-9A-Z]{8}$", browser.Find("#new-code").Text);
            Assert.Contains("妥善保管", browser.Find("#result").Text);

            browser.Find("#lookup").Click();
            browser.WaitUntil(b => b.IsShown("#state"), "the objection's state");
            Assert.Equal("受理审查中", browser.Find("#state-status").Text);
            Assert.StartsWith("审查期限 ", browser.Find("#state-deadline").Text);
            Assert.Equal("广州市荔湾区人民法院", browser.Find("#state-court").Text);
            Assert.False(browser.IsShown("#reconsider-form"));
            Assert.DoesNotContain(id, browser.Find("#state").Text);
            browser.Screenshot("credit-objection-page.png");

            var court = await (await platform.Liwan.GetAsync($"/api/v1/objections/{receipt}")).JsonAsync();
            Assert.Equal("application/pdf", court.GetProperty("attachments")[0].GetProperty("mediaType").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Rejected_applicant_reads_the_stage_in_Chinese_in_China_days_and_asks_for_reconsideration_on_the_page_Art12()
    {
        // 03:00 in Beijing is the day before in UTC: the page shows the China day, as the deadlines count it.
        var tomorrow = DateOnly.FromDateTime(platform.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(1);
        platform.Clock.MoveTo(new DateTimeOffset(tomorrow.ToDateTime(new TimeOnly(3, 0)), TimeSpan.FromHours(8)));
        var (id, caseNumber, _) = await platform.ListAsync("页面复");
        var (receipt, code) = await platform.FileWithCodeAsync(id, caseNumber, "页面复");
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"/api/v1/objections/{receipt}/review", ObjectionFixture.Decision("Reject"))).StatusCode);

        using var browser = HeadlessChromium.Desktop();
        browser.Open(new Uri(platform.Platform.Address, "/objection.html"));
        // The subject files for itself: the lawyer's fields stay hidden until the role is Lawyer.
        Assert.False(browser.IsShown("#lawFirm"));
        Assert.Equal("100", browser.Find("#name").GetAttribute("maxlength"));
        Assert.Equal("4000", browser.Find("#grounds").GetAttribute("maxlength"));
        browser.Type("#receipt", receipt);
        browser.Find("#lookup").Click();
        browser.WaitUntil(b => b.IsShown("#state"), "the objection's state");
        Assert.Equal("已驳回", browser.Find("#state-status").Text);
        Assert.StartsWith("申请复议期限 ", browser.Find("#state-deadline").Text);
        var steps = browser.Find("#state-steps").Text;
        Assert.Contains($"{platform.Day} 广州市荔湾区人民法院 驳回异议", steps);
        Assert.DoesNotContain(tomorrow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), steps);

        browser.Type("#reconsider-grounds", "执行法院未审查付款凭证。");
        // Without the applicant code the request is refused, naming it; with it, taken.
        browser.Find("#reconsider").Click();
        browser.WaitUntil(b => b.Find("#result").Text.Contains("applicantCode", StringComparison.Ordinal), "the missing code named");
        Assert.Equal("已驳回", browser.Find("#state-status").Text);
        browser.Type("#reconsider-code", code);
        browser.Find("#reconsider").Click();
        browser.WaitUntil(b => b.Find("#state-status").Text == "复议审查中", "the reconsideration under way");
        Assert.Contains("广州市中级人民法院", browser.Find("#result").Text);
        Assert.False(browser.IsShown("#reconsider-form"));
        browser.Screenshot("credit-objection-reconsideration.png");
        var court = await (await platform.Intermediate.GetAsync($"/api/v1/objections/{receipt}")).JsonAsync();
        Assert.Equal("UnderReconsideration", court.GetProperty("objection").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Rejected_applicant_whose_listing_was_removed_meanwhile_is_offered_no_reconsideration_on_the_page_Art12()
    {
        var (id, caseNumber, listingId) = await platform.ListAsync("页面终");
        var receipt = await platform.FileAsync(id, caseNumber, "页面终");
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"/api/v1/objections/{receipt}/review", ObjectionFixture.Decision("Reject"))).StatusCode);
        var removal = new System.Text.Json.Nodes.JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已全部履行", ["eventDate"] = platform.Day };
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"{CourtRequests.Person(id)}/listings/{listingId}/removal", removal)).StatusCode);

        using var browser = HeadlessChromium.Desktop();
        browser.Open(new Uri(platform.Platform.Address, "/objection.html"));
        browser.Type("#receipt", receipt);
        browser.Find("#lookup").Click();
        browser.WaitUntil(b => b.IsShown("#state"), "the objection's state");

        Assert.Equal("已终结（名单信息已不再公布）", browser.Find("#state-status").Text);
        Assert.Equal("—", browser.Find("#state-deadline").Text);
        Assert.Contains("异议终结", browser.Find("#state-steps").Text);
        Assert.False(browser.IsShown("#reconsider-form"));
    }

    [Fact]
    public async Task Double_click_and_resubmitted_form_file_one_objection_with_one_receipt_Art11()
    {
        var (id, caseNumber, _) = await platform.ListAsync("页面双");
        using var browser = HeadlessChromium.Desktop();
        browser.Open(new Uri(platform.Platform.Address, "/objection.html"));
        browser.Type("#number", id);
        browser.Type("#caseNumber", caseNumber);
        browser.Type("#name", "页面双");
        browser.Type("#grounds", "本人已全部履行，请求撤销。");
        browser.Type("#phone", "13800138000");
        var submit = browser.Find("#submit");
        submit.Click();
        submit.Click();
        var receipt = browser.WaitUntil(b => b.Find("#new-receipt").Text is { Length: 19 } text ? text : null, "the receipt");
        // The same form sent once more (the applicant unsure it went) answers the same receipt.
        browser.Script<object?>("document.getElementById('result').textContent = '';");
        submit.Click();
        Assert.Equal(receipt, browser.WaitUntil(b => b.FindAll("#new-receipt").FirstOrDefault()?.Text is { Length: 19 } text ? text : null, "the receipt again"));

        var queue = await (await platform.Liwan.GetAsync("/api/v1/objections")).JsonAsync();
        var filed = Assert.Single(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("caseNumber").GetString() == caseNumber);
        Assert.Equal(receipt, filed.GetProperty("receipt").GetString());
    }
}
