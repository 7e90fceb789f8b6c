using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Objections;

/// <summary>Arts. 9 and 10 ¶1: a listing is removed within 3 working days of the event that calls for it; the court records the
/// event's date and the report names the removals that came later, counted on the working-day calendar.</summary>
public sealed class LateRemovalTests(SummerObjectionFixture platform) : IClassFixture<SummerObjectionFixture>
{
    private static JsonObject Removal(string reason, string eventDate) => new() { ["reason"] = reason, ["explanation"] = "依法删除", ["eventDate"] = eventDate };

    [Theory]
    [InlineData("/api/v1/removals/late?from=2026-12&to=2026-12-31", "from")]
    [InlineData("/api/v1/removals/late?from=01/12/2026&to=2026-12-31", "from")]
    [InlineData("/api/v1/removals/late?from=2026-12-01&to=31 Dec 2026", "to")]
    [InlineData("/api/v1/removals/late?from=2026年12月1日&to=2026-12-31", "from")]
    [InlineData("/api/v1/hits/statistics?from=2026-12", "from")]
    [InlineData("/api/v1/hits?to=12/31/2026", "to")]
    public async Task Query_date_not_written_yyyy_MM_dd_is_refused_naming_the_parameter_instead_of_read_as_another_day(string query, string field)
    {
        var answer = await platform.Liwan.GetAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var errors = (await answer.JsonAsync()).GetProperty("errors");
        Assert.Contains("yyyy-MM-dd", errors.GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task Deletion_later_than_3_working_days_after_the_performance_is_reported_across_National_Day_Art10()
    {
        var (onTimeId, _, onTime) = await platform.ListAsync("按时删");
        var (lateId, _, late) = await platform.ListAsync("逾期删");
        var (unknownId, _, unknown) = await platform.ListAsync("未记日");

        // Performed on Tuesday 29 September: due Friday 9 October (30 September, then 8 and 9 October after the holiday).
        platform.Today("2026-10-09");
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"{Person(onTimeId)}/listings/{onTime}/removal", Removal("FullPerformance", "2026-09-29"))).StatusCode);
        var future = await platform.Liwan.PostAsync($"{Person(unknownId)}/listings/{unknown}/removal", Removal("FullPerformance", "2026-10-10"));
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("eventDate", await future.Content.ReadAsStringAsync());
        // Monday 12 October: a working day late (Saturday 10 October is worked); the third removal gives no event date.
        platform.Today("2026-10-12");
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"{Person(lateId)}/listings/{late}/removal", Removal("SettlementPerformed", "2026-09-29"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"{Person(unknownId)}/listings/{unknown}/removal",
            new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已履行" })).StatusCode);

        foreach (var court in new[] { platform.Liwan, platform.Intermediate })
        {
            var report = await (await court.GetAsync("/api/v1/removals/late?from=2026-10-01&to=2026-10-31")).JsonAsync();
            Assert.Equal(3, report.GetProperty("removals").GetInt32());
            Assert.Equal(1, report.GetProperty("onTime").GetInt32());
            Assert.Equal(1, report.GetProperty("withoutEventDate").GetInt32());
            var entry = Assert.Single(report.GetProperty("late").EnumerateArray());
            Assert.Equal(late, entry.GetProperty("listingId").GetGuid());
            Assert.Equal("2026-10-09", entry.GetProperty("due").GetString());
            Assert.Equal("2026-10-12", entry.GetProperty("removedOn").GetString());
            Assert.Equal(2, entry.GetProperty("workingDaysLate").GetInt32());
            Assert.Equal("Art. 10 ¶1(2)", entry.GetProperty("article").GetString());
        }
        // Another district court sees none of Liwan's.
        var other = await (await platform.OtherDistrict.GetAsync("/api/v1/removals/late?from=2026-10-01&to=2026-10-31")).JsonAsync();
        Assert.Equal(0, other.GetProperty("removals").GetInt32());
        Assert.Equal(JsonValueKind.Array, other.GetProperty("late").ValueKind);
    }
}
