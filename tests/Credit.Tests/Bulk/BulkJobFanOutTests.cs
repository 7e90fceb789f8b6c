using System.Collections.Concurrent;
using System.Net;
using Credit.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime;
using static Credit.Tests.Bulk.BulkJobs;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Bulk;

/// <summary>A job's rows fan out to their subjects' grains wherever the cluster placed them, and a subject that cannot answer
/// holds up only its own rows.</summary>
public sealed class BulkJobFanOutTests(TestPostgres postgres)
{
    /// <summary>Two platforms on one database form one cluster, as two pods do.</summary>
    [Fact]
    public async Task A_job_fans_its_rows_out_to_subject_grains_on_both_silos_and_every_row_is_applied_once()
    {
        // Each silo notes the subjects' bulk calls it served, so no activation has to be caught alive. Two silos in one
        // process report the same load, and the placement's preference for the calling silo then kept every subject there
        // in a loaded run; without it, placement goes by load alone.
        var silosWithSubjects = new ConcurrentDictionary<SiloAddress, int>();
        void Observed(WebApplicationBuilder builder)
        {
            builder.Services.Configure<ResourceOptimizedPlacementOptions>(options => options.LocalSiloPreferenceMargin = 0);
            builder.Services.AddSingleton<IIncomingGrainCallFilter>(services =>
                new SiloOfBulkCalls(services.GetRequiredService<ILocalSiloDetails>().SiloAddress, silosWithSubjects));
        }
        var database = await postgres.CreateDatabaseAsync();
        await using var first = await RunningPlatform.StartAsync(database, Observed);
        await using var second = await RunningPlatform.StartAsync(database, Observed);
        var management = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        await WaitAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 2, "both silos active in one cluster");

        var rows = Enumerable.Range(0, 400).Select(_ => (Id: Identities.AdultResidentId(), Case: CaseNumber())).ToList();
        using var court = first.Client(PlatformFixture.Liwan);
        var job = await court.SubmitAcceptedAsync(Csv([ChineseListingHeader, .. rows.Select(r => ListingRow(r.Id, r.Case))]));
        var progress = await court.WaitCompletedAsync(job);

        Assert.Equal(2, silosWithSubjects.Count);
        Assert.Equal(rows.Count, progress.GetProperty("accepted").GetInt32());
        Assert.Equal(0, progress.GetProperty("refused").GetInt32() + progress.GetProperty("failed").GetInt32());
        using var throughSecond = second.Client(PlatformFixture.Liwan);
        foreach (var row in rows.Where((_, i) => i % 40 == 0))
        {
            var subject = await (await throughSecond.GetAsync(Person(row.Id))).JsonAsync();
            var listing = Assert.Single(subject.GetProperty("listings").EnumerateArray());
            Assert.Equal(row.Case, listing.GetProperty("caseNumber").GetString());
        }
    }

    [Fact]
    public async Task A_subject_that_cannot_answer_fails_only_its_own_row_and_the_job_ends_with_the_rest_applied()
    {
        var rows = Enumerable.Range(0, 60).Select(_ => (Id: Identities.AdultResidentId(), Case: CaseNumber())).ToList();
        var broken = rows[17].Id;
        await using var platform = await RunningPlatform.StartAsync(await postgres.CreateDatabaseAsync(),
            builder => builder.Services.AddSingleton<IIncomingGrainCallFilter>(new FailingSubject($"p:{broken}")), seedDemoKeys: true,
            "--Credit:Bulk:MaxAttempts", "3");
        using var court = platform.Client(PlatformFixture.Liwan);

        var job = await court.SubmitAcceptedAsync(Csv([ChineseListingHeader, .. rows.Select(r => ListingRow(r.Id, r.Case))]));
        var progress = await court.WaitCompletedAsync(job);

        Assert.Equal(rows.Count - 1, progress.GetProperty("accepted").GetInt32());
        Assert.Equal(1, progress.GetProperty("failed").GetInt32());
        var failed = Assert.Single(await court.ReportAsync(job, problemsOnly: true));
        Assert.Equal((19, "Failed", broken), (failed.Line, failed.Outcome, failed.Number));
        Assert.Contains("after 3 attempts", failed.Rule);
        Assert.Equal(HttpStatusCode.NotFound, (await court.GetAsync(Person(broken))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await court.GetAsync(Person(rows[18].Id))).StatusCode);
    }

    private sealed class SiloOfBulkCalls(SiloAddress silo, ConcurrentDictionary<SiloAddress, int> calls) : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.MethodName == "ApplyBulkRows")
                calls.AddOrUpdate(silo, 1, (_, count) => count + 1);
            return context.Invoke();
        }
    }

    /// <summary>One subject whose every bulk call fails, as a subject whose state cannot be read would.</summary>
    private sealed class FailingSubject(string subjectKey) : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context) =>
            context.TargetId.Key.ToString() == subjectKey && context.MethodName == "ApplyBulkRows"
                ? throw new InvalidOperationException("this subject cannot answer")
                : context.Invoke();
    }

    private static async Task WaitAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(200);
        }
    }
}
