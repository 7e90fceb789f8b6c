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
        await File.WriteAllTextAsync(file, "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
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

            browser.Find("#lookup").Click();
            browser.WaitUntil(b => b.IsShown("#state"), "the objection's state");
            Assert.Equal("UnderReview", browser.Find("#state-status").Text);
            Assert.StartsWith("Review ", browser.Find("#state-deadline").Text);
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
