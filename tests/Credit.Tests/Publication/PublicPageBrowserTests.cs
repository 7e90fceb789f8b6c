using System.Net;
using System.Text.Json.Nodes;
using Credit.Tests.Infrastructure;
using OpenQA.Selenium;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Publication;

/// <summary>The public search page (Api/wwwroot) in a real headless Chromium against the running platform:
/// what a member of the public sees, and never more than Art. 6 publishes.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PublicPageBrowserTests(PlatformFixture fixture, TestPostgres postgres)
{
    private const string ChineseHeading = "失信被执行人名单查询";
    private const string EnglishHeading = "Search the List of Dishonest Judgment Debtors";
    private const string EmptyState = "未找到符合条件的失信被执行人";

    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);

    [Fact]
    public async Task Debtor_is_found_by_name_and_by_id_with_the_id_masked_and_is_gone_once_removed()
    {
        var name = UniqueName();
        var (id, listingId, caseNumber) = await ListAsync(name);
        var masked = $"{id[..10]}****{id[14..]}";
        using var browser = HeadlessChromium.Desktop();

        OpenSearchPage(browser, fixture.Platform.Address);
        Assert.Equal(ChineseHeading, browser.Find("#title").Text);
        Search(browser, name: name);

        var byName = Assert.Single(browser.FindAll(".result"));
        Assert.Equal(listingId, byName.GetDomAttribute("data-listing-id"));
        Assert.Contains(name, byName.Text);
        Assert.Contains(masked, byName.Text);
        Assert.Contains("广州市荔湾区人民法院", byName.Text);
        Assert.Contains(caseNumber, byName.Text);
        Assert.Contains(Today, byName.Text);
        Assert.DoesNotContain(id, browser.Driver.PageSource);

        Search(browser, idNumber: id);
        var byId = Assert.Single(browser.FindAll(".result"));
        Assert.Equal(listingId, byId.GetDomAttribute("data-listing-id"));
        Assert.DoesNotContain(id, browser.Driver.PageSource);

        byId.FindElement(By.CssSelector("a")).Click();
        browser.WaitUntil(b => b.IsShown("#detail") && b.Find("#detail-name").Text == name, "the detail view");
        Assert.False(browser.IsShown("#results"));
        Assert.Equal(masked, DetailField(browser, "residentId"));
        Assert.Equal("男", DetailField(browser, "sex"));
        Assert.EndsWith("岁", DetailField(browser, "age"));
        Assert.Equal("广州市荔湾区人民法院", DetailField(browser, "court"));
        Assert.Equal("广东省", DetailField(browser, "province"));
        Assert.Equal(caseNumber, DetailField(browser, "caseNumber"));
        Assert.Equal($"{caseNumber[1..5]}-01-02", DetailField(browser, "filingDate"));
        Assert.Equal("(2023)粤0103民初567号", DetailField(browser, "enforcementBasisNumber"));
        Assert.Equal("广州市荔湾区人民法院", DetailField(browser, "enforcementBasisIssuer"));
        Assert.Equal("支付货款100000元及利息", DetailField(browser, "obligation"));
        Assert.Equal("全部未履行", DetailField(browser, "performanceStatus"));
        Assert.Equal("有履行能力而拒不履行生效法律文书确定义务", DetailField(browser, "dishonestBehaviour"));
        Assert.Equal(Today, DetailField(browser, "publicationDate"));
        Assert.DoesNotContain(id, browser.Driver.PageSource);
        Assert.DoesNotContain("100000.5", browser.Driver.PageSource); // the amount owed is not an Art. 6 field
        browser.Screenshot("credit-public-page-detail.png");

        browser.Find("#back").Click();
        browser.WaitUntil(b => b.IsShown(".result"), "the results again");

        var removed = await Liwan.PostAsync($"{Person(id)}/listings/{listingId}/removal",
            new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已全部履行" });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);

        Search(browser, idNumber: id);
        Assert.True(browser.IsShown("#empty"));
        Assert.Equal(EmptyState, browser.Find("#empty").Text);
        Assert.Empty(browser.FindAll(".result"));
        Search(browser, name: name);
        Assert.True(browser.IsShown("#empty"));

        // Art. 10: a deleted listing is no longer published, not even at its old address.
        browser.Open(new Uri(fixture.Platform.Address, $"/#listing/{listingId}"));
        browser.WaitUntil(b => b.IsShown("#error"), "the error for the removed listing");
        Assert.Contains("不存在或已被删除", browser.Find("#error").Text);
        Assert.DoesNotContain(name, browser.Find("#detail").Text);
    }

    [Fact]
    public async Task A_name_with_rare_characters_is_shown_and_found_whole_and_in_part()
    {
        // 𠮷 (CJK Extension B) and a character of Extension G, two UTF-16 units each, beside a middle dot.
        var name = $"{UniqueName()}{RareNames.Ji}·\U00030EDD{UniqueName()[..1]}";
        var (_, listingId, _) = await ListAsync(name);
        using var browser = HeadlessChromium.Desktop();
        OpenSearchPage(browser, fixture.Platform.Address);

        Search(browser, name: name);
        var whole = Assert.Single(browser.FindAll(".result"));
        Assert.Equal(listingId, whole.GetDomAttribute("data-listing-id"));
        Assert.Equal(name, whole.FindElement(By.CssSelector(".result-name")).Text);
        Search(browser, name: $"\U00030EDD{name[^1..]}");
        Assert.Contains(browser.FindAll(".result"), r => r.GetDomAttribute("data-listing-id") == listingId);

        browser.FindAll(".result").Single(r => r.GetDomAttribute("data-listing-id") == listingId).FindElement(By.CssSelector("a")).Click();
        browser.WaitUntil(b => b.IsShown("#detail") && b.Find("#detail-name").Text == name, "the detail view with the whole name");
        Assert.Equal(name, DetailField(browser, "name"));

        // The page counts characters as the API does: one rare character is not the two a name needs, 50 of them are not too many.
        browser.Find("#back").Click();
        Search(browser, name: RareNames.Ji);
        Assert.Contains("2 至 50", browser.Find("#error").Text);
        var fifty = string.Concat(Enumerable.Repeat(RareNames.Ji, 50));
        Search(browser, name: fifty);
        // Waited for by itself: the previous search's error may still be on the page when the helper's wait looks. The answer
        // is empty, or (on a platform shared with other tests, which list the longest names allowed) names that contain them.
        browser.WaitUntil(b => !b.IsShown("#error")
                && (b.IsShown("#empty") || (b.FindAll(".result") is { Count: > 0 } found && found.All(r => r.FindElement(By.CssSelector(".result-name")).Text.Contains(fifty, StringComparison.Ordinal)))),
            "the answer for 50 rare characters, which are not too many");
    }

    [Fact]
    public async Task On_a_phone_the_form_and_results_fit_the_screen_and_the_language_switches_to_English()
    {
        var name = UniqueName();
        var (_, _, caseNumber) = await ListAsync(name);
        using var browser = HeadlessChromium.Phone(390, 844);

        OpenSearchPage(browser, fixture.Platform.Address);
        // The viewport meta tag makes the layout as wide as the phone, with nothing to scroll sideways.
        Assert.Equal(390L, browser.Script<long>("return document.documentElement.clientWidth;"));
        foreach (var field in new[] { "#name", "#idNumber", "#caseNumber", "#search", "#lang" })
            AssertFitsTheScreen(browser, field);
        Search(browser, caseNumber: caseNumber);
        var result = Assert.Single(browser.FindAll(".result"));
        Assert.Contains(name, result.Text);
        AssertFitsTheScreen(browser, ".result");
        Assert.True(browser.Script<bool>("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"),
            "the page scrolls sideways on a phone");
        browser.Screenshot("credit-public-page-phone.png");

        browser.Find("#lang").Click();
        browser.WaitUntil(b => b.Find("#title").Text == EnglishHeading, "the English heading");
        Assert.Equal("en", browser.Find("html").GetDomAttribute("lang"));
        Assert.Equal("中文", browser.Find("#lang").Text);
        Assert.Equal("Name", browser.Find("label[for=name]").Text);
        Assert.Equal("Search", browser.Find("#search").Text);
        Assert.Contains("Natural person", browser.Find(".result").Text);

        browser.Find("#lang").Click();
        browser.WaitUntil(b => b.Find("#title").Text == ChineseHeading, "the Chinese heading again");
        Assert.Equal("姓名/名称", browser.Find("label[for=name]").Text);
    }

    [Fact]
    public async Task More_results_continue_the_list_from_the_cursor()
    {
        // Namesakes are common (张伟); the first page holds 20, the rest come with the cursor.
        var name = UniqueName();
        var listed = new HashSet<string>();
        for (var i = 0; i < 21; i++)
            listed.Add((await ListAsync(name)).ListingId);
        using var browser = HeadlessChromium.Desktop();

        OpenSearchPage(browser, fixture.Platform.Address);
        Search(browser, name: name);
        Assert.Equal(20, browser.FindAll(".result").Count);
        Assert.True(browser.IsShown("#more"));

        browser.Find("#more").Click();
        browser.WaitUntil(b => b.FindAll(".result").Count == 21 && !b.IsShown("#more"), "the second page");
        var shown = browser.FindAll(".result").Select(r => r.GetDomAttribute("data-listing-id") ?? "").ToHashSet();
        Assert.Equal(listed, shown);
    }

    [Fact]
    public void Refusals_show_what_is_missing_and_the_fields_at_fault()
    {
        using var browser = HeadlessChromium.Desktop();
        OpenSearchPage(browser, fixture.Platform.Address);

        Search(browser);
        Assert.Contains("至少填写", browser.Find("#error").Text);

        // The API's 400 problem details name the field; the page shows each message under the field's label.
        Search(browser, idNumber: "1234");
        var error = browser.Find("#error");
        Assert.Contains("身份证号码/统一社会信用代码：", error.Text);
        Assert.NotEmpty(error.FindElements(By.CssSelector(".error-list li")));
        Assert.Empty(browser.FindAll(".result"));

        // In Chinese, the rule is said in Chinese; the API's English words stay beside it.
        Search(browser, caseNumber: "abc");
        error = browser.Find("#error");
        Assert.Contains("案号：须为完整的案号", error.Text);
        Assert.Contains("must be a full case number", error.FindElement(By.CssSelector(".error-list .error-detail")).Text);
    }

    [Fact]
    public async Task A_passport_holders_number_is_labelled_as_a_passport_number()
    {
        var passport = Identities.PassportNumber();
        var body = PersonListing(CaseNumber(), "TANAKA TARO");
        body["subject"] = new JsonObject { ["name"] = "TANAKA TARO", ["sex"] = "Male", ["birthDate"] = "1975-05-05" };
        var listed = await Liwan.PostAsync($"/api/v1/subjects/passport/{passport}/listings", body);
        Assert.Equal(HttpStatusCode.Created, listed.StatusCode);
        using var browser = HeadlessChromium.Desktop();
        OpenSearchPage(browser, fixture.Platform.Address);

        Search(browser, idNumber: passport);

        var result = Assert.Single(browser.FindAll(".result"));
        Assert.Contains("护照号码", result.Text);
        Assert.DoesNotContain("身份证号码", result.Text);
    }

    [Fact]
    public async Task Too_many_searches_show_the_rate_limit_message()
    {
        // A platform of its own: the shared one lifts the limit so that tests sharing an address can run.
        await using var limited = await RunningPlatform.StartAsync(await postgres.CreateDatabaseAsync(), true, "--Credit:Search:RequestsPerMinute", "2");
        using var browser = HeadlessChromium.Desktop();
        OpenSearchPage(browser, limited.Address);

        // Two searches a minute are allowed; a few more in a row cross the limit even if a window turns over.
        for (var i = 0; i < 5 && !browser.IsShown("#error"); i++)
            Search(browser, name: "张三");

        Assert.Contains("查询过于频繁，请稍后再试", browser.Find("#error").Text);
        Assert.Contains("秒后重试", browser.Find("#error").Text); // from Retry-After
        Assert.Empty(browser.FindAll(".result"));
        Assert.False(browser.IsShown("#empty"));
    }

    private async Task<(string Id, string ListingId, string CaseNumber)> ListAsync(string name)
    {
        var id = Identities.AdultResidentId();
        var caseNumber = CaseNumber();
        var response = await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(caseNumber, name));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (id, (await response.JsonAsync()).GetProperty("id").GetString()!, caseNumber);
    }

    /// <summary>Three random CJK characters: a name no other test uses.</summary>
    private static string UniqueName() => string.Concat(Enumerable.Range(0, 3).Select(_ => (char)Random.Shared.Next(0x4E00, 0x9FA5)));

    private static void OpenSearchPage(HeadlessChromium browser, Uri platform)
    {
        browser.Open(platform);
        Assert.True(browser.IsShown("#search-form"),
            $"No search form at {platform}: the Api must serve Api/wwwroot at / (UseDefaultFiles, UseStaticFiles, wwwroot in the build output).");
    }

    /// <summary>Fills the form as a person would, presses 查询 and waits for the page's answer: results,
    /// the empty state or an error. The page clears the previous answer as the search starts.</summary>
    private static void Search(HeadlessChromium browser, string name = "", string idNumber = "", string caseNumber = "")
    {
        browser.Type("#name", name);
        browser.Type("#idNumber", idNumber);
        browser.Type("#caseNumber", caseNumber);
        browser.Find("#search").Click();
        browser.WaitUntil(b => b.Find("#results").GetDomAttribute("aria-busy") == "false"
            && (b.IsShown(".result") || b.IsShown("#empty") || b.IsShown("#error")), "the search's answer");
    }

    private static string DetailField(HeadlessChromium browser, string field) =>
        browser.Find($"#detail-fields [data-field={field}] dd").Text;

    private static void AssertFitsTheScreen(HeadlessChromium browser, string cssSelector)
    {
        var element = browser.Find(cssSelector);
        Assert.True(element.Displayed, $"{cssSelector} is not shown");
        Assert.True(element.Location.X >= 0 && element.Location.X + element.Size.Width <= 390,
            $"{cssSelector} spans x {element.Location.X}..{element.Location.X + element.Size.Width}, wider than the 390 px screen");
    }
}
