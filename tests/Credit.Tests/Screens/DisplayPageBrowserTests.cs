using Credit.Tests.Infrastructure;
using OpenQA.Selenium.Chromium;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Screens;

/// <summary>The screens' display page (<c>/screens/{channel}</c>) in a real headless Chromium with CJK fonts, at the sizes of
/// the metro's screens: what a passenger sees, never a removed listing after the page's next poll, and the last good playlist
/// while the network is down. The screenshots are saved in the temporary folder for a reviewer to look at.</summary>
[Collection(ScreenCollection.Name)]
public sealed class DisplayPageBrowserTests(ScreenFixture fixture)
{
    private const string Channel = "display";

    [Fact]
    public async Task The_page_shows_each_listing_in_large_type_cycles_and_drops_a_removed_listing_at_its_next_poll()
    {
        var region = ScreenFixture.RegionOf(Channel);
        var (id, shown) = await fixture.ListAsync(region, "蒋介明", amountOwed: 1_234_567.80m);
        Assert.Equal(System.Net.HttpStatusCode.OK,
            (await fixture.Court.PutAsync($"{Person(id)}/photo", TestPhotos.Content(TestPhotos.Jpeg(360, 480), "image/jpeg"))).StatusCode);
        var (otherId, removed) = await fixture.ListAsync(region, "沈小红");
        await fixture.ScreensHoldAsync([shown, removed]);
        var masked = $"{id[..10]}****{id[14..]}";

        using var browser = HeadlessChromium.Screen(1920, 1080);
        Open(browser);
        browser.WaitUntil(b => b.Find("#slide").GetDomAttribute("data-listing-id") == shown.ToString(), "the first listing's slide");
        browser.WaitUntil(b => b.IsShown("#photo"), "its photo");
        Assert.Equal("蒋介明", browser.Find("#slide-name").Text);
        Assert.Equal(masked, browser.Find("#slide-id").Text);
        Assert.Equal("¥1,234,567.80 元", browser.Find("#slide-amount").Text);
        Assert.Equal("广州市荔湾区人民法院", browser.Find("#slide-court").Text);
        Assert.StartsWith("(", browser.Find("#slide-case").Text);
        Assert.Equal("测试display线", browser.Find("#channel").Text);
        Assert.DoesNotContain(id, browser.Driver.PageSource);
        // Large type: the name at least a tenth of the screen's height, read from across a carriage.
        Assert.True(browser.Script<long>("return Math.round(parseFloat(getComputedStyle(document.getElementById('slide-name')).fontSize));") >= 108);
        Assert.True(browser.Script<bool>("return document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth;"),
            "the slide does not fit the screen");
        browser.Screenshot("credit-screen-display-1920x1080.png");

        // It cycles: the other listing comes next.
        browser.WaitUntil(b => b.Find("#slide").GetDomAttribute("data-listing-id") == removed.ToString(), "the next slide");

        await fixture.RemoveAsync(otherId, removed);

        // Within a poll (1 s) and the wait for it, the removed listing is gone; and from then on it never shows again.
        browser.WaitUntil(b => !Held(b).Contains(removed.ToString()) && b.Find("#slide").GetDomAttribute("data-listing-id") != removed.ToString(),
            "the removed listing to leave the screen");
        Assert.Contains(shown.ToString(), Held(browser));
        for (var look = 0; look < 20; look++)
        {
            Assert.DoesNotContain("沈小红", browser.Find("body").Text);
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task On_a_portrait_screen_the_photo_stands_above_the_facts_and_everything_fits()
    {
        var (id, listingId) = await fixture.ListAsync(ScreenFixture.RegionOf(Channel), "韩竖屏");
        await fixture.Court.PutAsync($"{Person(id)}/photo", TestPhotos.Content(TestPhotos.Jpeg(360, 480), "image/jpeg"));
        await fixture.ScreensHoldAsync([listingId]);

        using var browser = HeadlessChromium.Screen(1080, 1920);
        Open(browser);
        browser.WaitUntil(b => b.Find("#slide").GetDomAttribute("data-listing-id") == listingId.ToString() && b.IsShown("#photo"), "the listing with its photo");
        var photoBottom = browser.Script<double>("return document.getElementById('photo-frame').getBoundingClientRect().bottom;");
        var nameTop = browser.Script<double>("return document.getElementById('slide-name').getBoundingClientRect().top;");
        Assert.True(photoBottom <= nameTop, "on a portrait screen the photo stands above the name");
        Assert.True(browser.Script<bool>("return document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth;"),
            "the slide does not fit the screen");
        browser.Screenshot("credit-screen-display-1080x1920.png");
    }

    [Fact]
    public async Task While_the_network_is_down_the_page_keeps_the_last_good_playlist_and_says_so()
    {
        var (_, listingId) = await fixture.ListAsync(ScreenFixture.RegionOf(Channel), "杨离线");
        await fixture.ScreensHoldAsync([listingId]);
        using var browser = HeadlessChromium.Screen(1920, 1080);
        Open(browser);
        browser.WaitUntil(b => b.Find("#status").GetDomAttribute("data-state") == "online" && b.FindAll(".fact").Count > 0, "the page online");
        var held = Held(browser);

        browser.Driver.NetworkConditions = new ChromiumNetworkConditions { IsOffline = true };
        browser.WaitUntil(b => b.Find("#status").GetDomAttribute("data-state") == "offline", "the page to notice the network is down");
        Assert.True(browser.IsShown("#slide"));
        // The slides go on cycling through the playlist it last had (the counter may have moved on meanwhile).
        Assert.Equal(held, Held(browser));
        Assert.EndsWith($"/ {held.Length}", browser.Find("#counter").Text, StringComparison.Ordinal);
        Assert.Contains("显示最近一次的名单", browser.Find("#status").Text);

        browser.Driver.NetworkConditions = new ChromiumNetworkConditions { IsOffline = false };
        browser.WaitUntil(b => b.Find("#status").GetDomAttribute("data-state") == "online", "the page online again");
    }

    [Fact]
    public void Without_a_key_the_page_shows_no_listing_and_says_how_to_open_it()
    {
        using var browser = HeadlessChromium.Screen(1920, 1080);
        browser.Open(new Uri(fixture.Platform.Address, $"/screens/{Channel}"));
        browser.WaitUntil(b => b.IsShown("#message"), "the message");
        Assert.Contains("未配置屏幕密钥", browser.Find("#message").Text);
        Assert.False(browser.IsShown("#slide"));
    }

    private static string[] Held(HeadlessChromium browser) => (browser.Find("#stage").GetDomAttribute("data-listings") ?? "").Split(' ');

    private void Open(HeadlessChromium browser) =>
        browser.Open(new Uri(fixture.Platform.Address, $"/screens/{Channel}#key={ScreenFixture.OperatorKey}"));
}
