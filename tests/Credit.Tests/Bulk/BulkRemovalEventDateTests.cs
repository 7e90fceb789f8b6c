using System.Globalization;
using System.Net;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Bulk.BulkJobs;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Bulk;

/// <summary>A bulk removal records the day of the event it follows (Arts. 9, 10 ¶1) as a single removal does, under its Chinese
/// header too, and a day the single removal refuses is refused on the row with the same field and rule.</summary>
[Collection(PlatformCollection.Name)]
public sealed class BulkRemovalEventDateTests(PlatformFixture fixture)
{
    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);

    [Fact]
    public async Task Bulk_removal_records_the_event_date_and_refuses_one_in_the_future_as_a_single_removal_does_Art10()
    {
        var (performed, performedCase) = (Identities.AdultResidentId(), CaseNumber());
        var (early, earlyCase) = (Identities.AdultResidentId(), CaseNumber());
        foreach (var (id, caseNumber) in new[] { (performed, performedCase), (early, earlyCase) })
            Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(caseNumber))).StatusCode);
        var tomorrow = DateTime.UtcNow.AddHours(8).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var file = Csv([
            ["操作", "证件类型", "证件号码", "案号", "删除原因", "说明", "事件日期"],
            ["removal", "resident-id", performed, performedCase, "FullPerformance", "已全部履行", Today],
            ["removal", "resident-id", early, earlyCase, "FullPerformance", "已全部履行", tomorrow],
        ]);
        var job = await Liwan.SubmitAcceptedAsync(file);
        var progress = await Liwan.WaitCompletedAsync(job);
        var report = await Liwan.ReportAsync(job);

        Assert.True(progress.GetProperty("accepted").GetInt32() == 1, string.Join("\n", report));
        var listing = Assert.Single((await (await Liwan.GetAsync(Person(performed))).JsonAsync()).GetProperty("listings").EnumerateArray());
        Assert.Equal("Removed", listing.GetProperty("status").GetString());
        Assert.Equal(Today, listing.GetProperty("end").GetProperty("eventDate").GetString());

        var refused = Assert.Single(report, line => line.Number == early);
        Assert.Equal("eventDate", refused.Field);
        var listed = Assert.Single((await (await Liwan.GetAsync(Person(early))).JsonAsync()).GetProperty("listings").EnumerateArray());
        var singleRemoval = await Liwan.PostAsync($"{Person(early)}/listings/{listed.GetProperty("id").GetGuid()}/removal",
            new System.Text.Json.Nodes.JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已全部履行", ["eventDate"] = tomorrow });
        Assert.Equal(HttpStatusCode.BadRequest, singleRemoval.StatusCode);
        var errors = (await singleRemoval.JsonAsync()).GetProperty("errors").GetProperty("eventDate");
        Assert.Equal(errors[0].GetString(), refused.Rule);
        Assert.Equal("Active", listed.GetProperty("status").GetString());
    }
}
