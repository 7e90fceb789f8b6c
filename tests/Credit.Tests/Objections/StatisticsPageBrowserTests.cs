using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Objections;

/// <summary>The statistics page the platform serves, in a real headless Chromium: a court's charts and table agree with the API,
/// and the public page shows the city's counts and nothing personal.</summary>
public sealed class StatisticsPageBrowserTests(PresentObjectionFixture platform) : IClassFixture<PresentObjectionFixture>
{
    private static string ThisMonth => DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Court_page_charts_the_months_as_the_API_counts_them_and_the_public_page_shows_only_totals()
    {
        var (id, _, listing) = await platform.ListAsync("图表甲");
        await platform.ListAsync("图表乙");
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"{Person(id)}/listings/{listing}/removal",
            new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已全部履行", ["eventDate"] = Today })).StatusCode);
        var api = (await (await platform.Liwan.GetAsync($"/api/v1/statistics/monthly?from={ThisMonth}&to={ThisMonth}")).JsonAsync()).GetProperty("totals");

        using var browser = HeadlessChromium.Desktop();
        browser.Open(new Uri(platform.Platform.Address, $"/statistics.html?from={ThisMonth}&to={ThisMonth}#key={PlatformFixture.Liwan}"));
        browser.WaitUntil(b => b.Find("body").GetDomAttribute("data-ready") == "true", "the court's figures");
        Assert.Equal(api.GetProperty("listings").GetInt64().ToString(CultureInfo.InvariantCulture),
            browser.Find("[data-name=listings] rect.bar").GetDomAttribute("data-value"));
        Assert.Equal("1", browser.Find("[data-name=removals] rect.bar").GetDomAttribute("data-value"));
        var row = browser.Find($"#table tr[data-court='粤0103'][data-month='{ThisMonth}']");
        Assert.Contains("广州市荔湾区人民法院（粤0103）", row.Text);
        Assert.Equal(ThisMonth, browser.Script<string>("return document.getElementById('from').value;"));
        Assert.True(browser.Script<bool>("return document.querySelectorAll('#charts svg rect.bar').length >= 4;"));
        browser.Screenshot("credit-statistics-court.png");

        using var visitor = HeadlessChromium.Desktop();
        visitor.Open(new Uri(platform.Platform.Address, $"/statistics.html?from={ThisMonth}&to={ThisMonth}"));
        visitor.WaitUntil(b => b.Find("body").GetDomAttribute("data-ready") == "true", "the city's totals");
        Assert.True(long.Parse(visitor.Find("[data-name=listings] .value").Text, CultureInfo.InvariantCulture) >= 2);
        // The city the platform is set to count (Credit:Statistics:City, 粤01 by default) is named on the page.
        Assert.StartsWith("粤01 ", visitor.Find("#scope").Text);
        Assert.DoesNotContain(id, visitor.Driver.PageSource);
        Assert.DoesNotContain("图表", visitor.Driver.PageSource);
        Assert.False(visitor.IsShown("#court"));
        visitor.Screenshot("credit-statistics-city.png");
    }

    [Fact]
    public void A_key_that_does_not_open_the_page_is_told_in_chinese_not_shown_as_raw_json()
    {
        using var browser = HeadlessChromium.Desktop();
        browser.Open(new Uri(platform.Platform.Address, "/statistics.html#key=not-a-key"));
        browser.WaitUntil(b => b.Find("#status").Text.Contains("加载失败", StringComparison.Ordinal), "the refusal");

        var status = browser.Find("#status").Text;
        Assert.Contains("密钥无效或无权查看本页", status);
        Assert.DoesNotContain("{", status);
        Assert.DoesNotContain("本市法院", browser.Find("#scope").Text);
    }

    [Fact]
    public void A_period_the_api_refuses_is_named_in_chinese_with_the_rule()
    {
        using var browser = HeadlessChromium.Desktop();
        browser.Open(new Uri(platform.Platform.Address, $"/statistics.html?from=2026-13&to=2026-12#key={PlatformFixture.Liwan}"));
        browser.WaitUntil(b => b.Find("#status").Text.Contains("加载失败", StringComparison.Ordinal), "the refusal");

        var status = browser.Find("#status").Text;
        Assert.Contains("查询条件有误", status);
        Assert.Contains("from", status);
    }
}
