using System.Net;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Bulk.BulkJobs;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Bulk;

public sealed class BulkFileLimitTests(TestPostgres postgres)
{
    [Fact]
    public async Task A_file_past_the_limits_is_refused_413_naming_the_body_and_nothing_is_stored()
    {
        await using var platform = await RunningPlatform.StartAsync(await postgres.CreateDatabaseAsync(migrate: false), seedDemoKeys: true,
            "--Credit:Bulk:MaxFileMegabytes", "1", "--Credit:Bulk:MaxRows", "3");
        using var court = platform.Client(PlatformFixture.Liwan);
        var ids = Enumerable.Range(0, 4).Select(_ => Identities.AdultResidentId()).ToList();
        var fourRows = Csv([ChineseListingHeader, .. ids.Select(id => ListingRow(id, CaseNumber()))]);
        var overOneMegabyte = Csv([ChineseListingHeader, ListingRow(ids[0], CaseNumber(), name: new string('张', 600_000))]);

        var tooMany = await ProblemAssert.IsProblem(await court.SubmitAsync(fourRows), HttpStatusCode.RequestEntityTooLarge, "body");
        var tooLarge = await ProblemAssert.IsProblem(await court.SubmitAsync(overOneMegabyte), HttpStatusCode.RequestEntityTooLarge, "body");

        Assert.Contains("at most 3 rows", tooMany.GetRawText());
        Assert.Contains("at most 1 MB", tooLarge.GetRawText());
        foreach (var id in ids)
            Assert.Equal(HttpStatusCode.NotFound, (await court.GetAsync(Person(id))).StatusCode);
    }
}
