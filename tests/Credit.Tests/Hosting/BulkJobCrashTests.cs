using System.Net;
using Credit.Api.Hosting;
using Credit.Tests.Bulk;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Bulk.BulkJobs;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Hosting;

public sealed class BulkJobCrashTests(TestPostgres postgres)
{
    // Enough rows that the kill lands mid-job: with 256 rows in flight, 600 could all be applied between two looks at the progress.
    private const int Rows = 3000;

    [Fact]
    public async Task Kill_9_in_the_middle_of_a_bulk_job_ends_with_every_row_applied_exactly_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var (siloPort, gatewayPort) = (FreePort.Pick(), FreePort.Pick());
        var rows = Enumerable.Range(0, Rows).Select(_ => (Id: Identities.AdultResidentId(), Case: CaseNumber())).ToList();
        var file = Csv([ChineseListingHeader, .. rows.Select(r => ListingRow(r.Id, r.Case))]);
        string job;
        int acceptedBeforeKill;

        await using (var first = await PlatformProcess.StartAsync(connectionString, siloPort, gatewayPort))
        {
            using var court = Court(first);
            job = await court.SubmitAcceptedAsync(file);
            var deadline = DateTime.UtcNow.AddSeconds(90);
            do
            {
                await Task.Delay(50);
                acceptedBeforeKill = (await (await court.GetAsync(job)).JsonAsync()).GetProperty("accepted").GetInt32();
            }
            while (acceptedBeforeKill < 60 && DateTime.UtcNow < deadline);
            first.Kill();
        }
        Assert.InRange(acceptedBeforeKill, 60, Rows - 100);

        await using var second = await PlatformProcess.StartAsync(connectionString, siloPort, gatewayPort);
        using var reader = Court(second);
        var progress = await reader.WaitCompletedAsync(job, TimeSpan.FromMinutes(4));

        Assert.Equal((Rows, 0, 0), (progress.GetProperty("accepted").GetInt32(), progress.GetProperty("refused").GetInt32(), progress.GetProperty("failed").GetInt32()));
        var report = await reader.ReportAsync(job);
        Assert.Equal(Enumerable.Range(2, Rows), report.Select(r => r.Line));
        var twice = new List<string>();
        foreach (var ((id, caseNumber), line) in rows.Zip(report))
        {
            // Applied by this job before the kill or after it: its own work, not an earlier submission's.
            Assert.Equal("Accepted", line.Outcome);
            var subject = await (await reader.GetAsync(Person(id))).JsonAsync();
            var listings = subject.GetProperty("listings").EnumerateArray().ToList();
            var history = await (await reader.GetAsync($"{Person(id)}/history")).JsonAsync();
            var listed = history.EnumerateArray().Count(change => change.GetProperty("kind").GetString() == "Listed");
            if (listings.Count != 1 || listed != 1 || listings[0].GetProperty("id").GetString() != line.ItemId)
                twice.Add($"line {line.Line}: {listings.Count} listings, listed {listed} times");
        }
        Assert.Empty(twice);
    }

    private static HttpClient Court(PlatformProcess platform)
    {
        var client = new HttpClient { BaseAddress = platform.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", PlatformFixture.Liwan);
        return client;
    }
}
