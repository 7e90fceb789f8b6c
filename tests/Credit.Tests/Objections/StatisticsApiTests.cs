using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Objections;

/// <summary>The figures a court reports, counted from what the platform holds: they change exactly as the test changes things,
/// a court sees its own and those of the courts below it, and the public sees the city's totals only.</summary>
public sealed class StatisticsApiTests(PresentObjectionFixture platform) : IClassFixture<PresentObjectionFixture>
{
    private static string ThisMonth => DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> MonthAsync(HttpClient court, string? of = null)
    {
        var answer = await court.GetAsync($"/api/v1/statistics/monthly?from={ThisMonth}&to={ThisMonth}{(of is null ? "" : $"&court={Uri.EscapeDataString(of)}")}");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return (await answer.JsonAsync()).GetProperty("totals");
    }

    [Fact]
    public async Task Figures_follow_listings_removals_and_objections_and_a_court_sees_its_own_and_its_subordinates()
    {
        var before = await MonthAsync(platform.Liwan);

        var (paid, _, paidListing) = await platform.ListAsync("统计一");
        var (objecting, objectingCase, _) = await platform.ListAsync("统计二");
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"{Person(paid)}/listings/{paidListing}/removal",
            new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已全部履行", ["eventDate"] = Today })).StatusCode);
        var receipt = await platform.FileAsync(objecting, objectingCase, "统计二");
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"/api/v1/objections/{receipt}/review", ObjectionFixture.Decision("Uphold", "Correct"))).StatusCode);

        var after = await MonthAsync(platform.Liwan);
        Assert.Equal(2, after.GetProperty("listings").GetInt64() - before.GetProperty("listings").GetInt64());
        Assert.Equal(2, after.GetProperty("restrictions").GetInt64() - before.GetProperty("restrictions").GetInt64());
        Assert.Equal(1, after.GetProperty("removalsAfterPerformance").GetInt64() - before.GetProperty("removalsAfterPerformance").GetInt64());
        Assert.Equal(100000.50m, after.GetProperty("amountOwedPerformed").GetDecimal() - before.GetProperty("amountOwedPerformed").GetDecimal());
        Assert.Equal(1, after.GetProperty("objectionsReceived").GetInt64() - before.GetProperty("objectionsReceived").GetInt64());
        Assert.Equal(1, after.GetProperty("objectionsUpheld").GetInt64() - before.GetProperty("objectionsUpheld").GetInt64());

        // The intermediate court sees Liwan's figures, on their own and in its own; another district court sees none of them.
        Assert.Equal(after.GetProperty("listings").GetInt64(), (await MonthAsync(platform.Intermediate, "粤0103")).GetProperty("listings").GetInt64());
        Assert.True((await MonthAsync(platform.Intermediate)).GetProperty("listings").GetInt64() >= after.GetProperty("listings").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.OtherDistrict.GetAsync($"/api/v1/statistics/monthly?from={ThisMonth}&to={ThisMonth}&court=粤0103")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.Liwan.GetAsync($"/api/v1/statistics/monthly?from={ThisMonth}&to={ThisMonth}&court=粤01")).StatusCode);

        // The public sees the city's counts, and nothing of the subjects behind them.
        var city = await platform.Public.GetAsync($"/api/v1/public/statistics/city?from={ThisMonth}&to={ThisMonth}");
        Assert.Equal(HttpStatusCode.OK, city.StatusCode);
        var text = await city.Content.ReadAsStringAsync();
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("listings").GetInt64() >= 2);
        Assert.DoesNotContain(paid, text);
        Assert.DoesNotContain("统计", text);
        Assert.DoesNotContain("粤0103", text);
    }

    [Fact]
    public async Task Figures_of_a_court_code_no_court_has_are_not_found_rather_than_zeros()
    {
        var answer = await platform.Intermediate.GetAsync($"/api/v1/statistics/monthly?from={ThisMonth}&to={ThisMonth}&court=粤0199");

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("court", (await answer.JsonAsync()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Month_that_is_not_yyyy_MM_is_refused_naming_the_parameter()
    {
        var answer = await platform.Liwan.GetAsync("/api/v1/statistics/monthly?from=2026-13&to=2026-12");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("from", await answer.Content.ReadAsStringAsync());
    }
}
