using Credit.Hosting.Reconciliation;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Credit.Api.Publication;
using Credit.Hosting.Embedded;
using Credit.Tests.Agencies;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Hosting;

/// <summary>The embedded PostgreSQL killed with SIGKILL under a running platform, while courts write and agencies check.</summary>
public sealed class DatabaseOutageTests
{
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    private sealed record Answer(string Kind, TimeSpan Sent, TimeSpan Answered, int Status, string? RetryAfter, string Body, long? IndexAge);

    private sealed record Write(string Path, string IdempotencyKey, string CaseNumber, string SubjectId, string? Representative);

    [Fact]
    public async Task Killing_the_embedded_PostgreSQL_answers_503_never_500_keeps_agency_checks_answering_and_recovers_losing_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("credit-outage-");
        var logs = new CapturedLogs();
        try
        {
            await using var platform = await RunningPlatform.StartEmbeddedAsync(folder.FullName, builder => builder.Logging.AddProvider(logs));
            var court = platform.Client(PlatformFixture.Liwan);
            var railway = platform.Client(AgencyKeys.Railway);
            var listed = new List<string>();
            for (var i = 0; i < 4; i++)
            {
                var id = Identities.AdultResidentId();
                Assert.Equal(HttpStatusCode.Created, (await court.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()))).StatusCode);
                listed.Add(id);
            }
            foreach (var id in listed)
                await HitAsync(railway, id);

            var clock = Stopwatch.StartNew();
            var answers = new ConcurrentQueue<Answer>();
            var acknowledged = new ConcurrentQueue<Write>();
            var unacknowledged = new ConcurrentQueue<Write>();
            using var stop = new CancellationTokenSource();
            var streams = new List<Task>();
            for (var writer = 0; writer < 4; writer++)
            {
                var entities = writer == 0;
                streams.Add(Task.Run(() => WriteAsync(platform.Client(PlatformFixture.Liwan), entities, clock, answers, acknowledged, unacknowledged, stop.Token)));
            }
            for (var checker = 0; checker < 2; checker++)
                streams.Add(Task.Run(() => CheckAsync(platform.Client(AgencyKeys.Railway), listed, clock, answers, stop.Token)));
            streams.Add(Task.Run(() => SearchAsync(platform.Client(), listed, clock, answers, stop.Token)));
            streams.Add(Task.Run(() => ProbeReadinessAsync(platform.Client(), clock, answers, stop.Token)));

            await UntilAsync(() => acknowledged.Count >= 20, TimeSpan.FromSeconds(60), "20 writes before the kill");
            var pgdata = Path.Combine(folder.FullName, "pgdata");
            var server = PostmasterPidFile.Read(pgdata)!;
            var killedAt = clock.Elapsed;
            using (var postmaster = Process.GetProcessById(server.ProcessId))
                postmaster.Kill();
            await UntilAsync(() => answers.Any(a => a.Kind == "write" && a.Sent > killedAt && a.Status == 201), RecoveryBound, "a write acknowledged after the kill");
            var recovery = answers.Where(a => a.Kind == "write" && a.Sent > killedAt && a.Status == 201).Min(a => a.Answered) - killedAt;
            var acknowledgedAtRecovery = acknowledged.Count;
            await UntilAsync(() => acknowledged.Count >= acknowledgedAtRecovery + 20, TimeSpan.FromSeconds(60), "20 writes after the recovery");
            // Twenty writes can now take a fraction of a second, less than readiness takes to see the database back: the
            // load goes on until a readiness probe sent after the recovery has said so.
            await UntilAsync(() => answers.Any(a => a.Kind == "ready" && a.Sent > killedAt + recovery && a.Status == 200), TimeSpan.FromSeconds(30),
                "readiness back after the recovery");
            await stop.CancelAsync();
            await Task.WhenAll(streams);

            var output = TestContext.Current.TestOutputHelper;
            output?.WriteLine($"Recovery, from the kill to the first acknowledged write: {recovery.TotalSeconds:0.00} s");
            foreach (var group in answers.GroupBy(a => (a.Kind, a.Status)).OrderBy(g => g.Key))
                output?.WriteLine($"{group.Key.Kind} {group.Key.Status}: {group.Count()}");
            Assert.True(recovery < RecoveryBound, $"recovered after {recovery.TotalSeconds:0.0} s");
            Assert.True(PostmasterPidFile.Read(pgdata) is { } restarted && restarted.ProcessId != server.ProcessId && restarted.ServerAlive());
            Assert.Contains(logs.Entries, e => e.Contains("is not running", StringComparison.Ordinal) && e.Contains("restarting it", StringComparison.Ordinal));

            // Never a 500: a court's write is acknowledged or refused for now, with a reason and a time to retry.
            var wrong = answers.Where(a => a.Status is not ((>= 200 and < 300) or 503)).ToList();
            Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(5).Select(a => $"{a.Kind} {a.Status} at {a.Sent.TotalSeconds:0.0} s: {a.Body}")));
            var unavailable = answers.Where(a => a.Status == 503 && a.Kind is "write" or "search").ToList();
            Assert.Contains(unavailable, a => a.Kind == "write");
                // Two reasons, each with its own wait: the database could not be reached (nothing stored), or the change was
            // stored just before the kill and its publication could not follow (stored, completed by the same request again).
            Assert.All(unavailable, a =>
            {
                if (a.Body.Contains("\"stored\":true", StringComparison.Ordinal))
                {
                    Assert.Equal("write", a.Kind);
                    Assert.Equal("10", a.RetryAfter);
                    Assert.Contains("已保存，尚未发布", a.Body, StringComparison.Ordinal);
                    return;
                }
                Assert.Equal("5", a.RetryAfter);
                Assert.Contains("服务暂时不可用", a.Body, StringComparison.Ordinal);
                Assert.Contains("unavailable", a.Body, StringComparison.Ordinal);
            });
            // The agencies' checks are answered from memory all along, and say how old the index is.
            var checks = answers.Where(a => a.Kind == "check").ToList();
            Assert.All(checks, a => Assert.Equal(200, a.Status));
            Assert.All(checks, a => Assert.NotNull(a.IndexAge));
            Assert.Contains(answers, a => a.Kind == "ready" && a.Sent > killedAt && a.Status == 503);
            // While the database was away (readiness said so) the index could not be confirmed, so a check reports an age
            // at least as long as the outage so far (less a second for rounding); how long the outage lasts is the machine's.
            var stillDown = answers.Where(a => a.Kind == "ready" && a.Sent > killedAt && a.Status == 503).Max(a => a.Sent);
            Assert.All(checks.Where(a => a.Sent > killedAt && a.Sent <= stillDown),
                a => Assert.True(a.IndexAge >= (long)(a.Sent - killedAt).TotalSeconds - 1, $"a check {a.Sent - killedAt} after the kill said the index was {a.IndexAge} s old"));
            Assert.Equal(200, answers.Where(a => a.Kind == "ready").MaxBy(a => a.Sent)!.Status);

            // Every acknowledged write is there, and an entity's legal representative is restricted.
            foreach (var write in acknowledged)
            {
                var subject = await (await court.GetAsync(write.Path)).JsonAsync();
                Assert.Contains(subject.GetProperty("listings").EnumerateArray(), l => l.GetProperty("caseNumber").GetString() == write.CaseNumber);
                if (write.Representative is { } representative)
                    await UntilAsync(async () => (await court.GetAsync(Person(representative))).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the representative restricted");
            }
            // Left alone, the platform brings its readers level with what it stored, whatever the kill interrupted.
            var scan = platform.Services.GetRequiredService<ReconciliationScan>();
            await UntilAsync(async () => (await scan.RunAsync(CancellationToken.None)).Differences.Count == 0, TimeSpan.FromSeconds(30), "the read models level with the stored state");
            // A write answered 503, retried with its Idempotency-Key, takes effect exactly once.
            foreach (var write in unacknowledged)
            {
                var retried = await court.PostAsync(write.Path + "/listings", write.Representative is null ? PersonListing(write.CaseNumber) : EntityListing(write.CaseNumber, write.Representative), write.IdempotencyKey);
                Assert.True(retried.StatusCode == HttpStatusCode.Created, $"{retried.StatusCode}: {await retried.Content.ReadAsStringAsync()}");
                var subject = await (await court.GetAsync(write.Path)).JsonAsync();
                Assert.Single(subject.GetProperty("listings").EnumerateArray(), l => l.GetProperty("caseNumber").GetString() == write.CaseNumber);
            }
            var report = await platform.Services.GetRequiredService<PublicationReconciler>().RunAsync(CancellationToken.None);
            Assert.Equal(0, report.Differences);
            Assert.True(report.Subjects >= listed.Count + acknowledged.Count);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task With_an_external_database_the_platform_reconnects_by_itself_and_the_first_requests_after_it_returns_succeed()
    {
        var folder = Directory.CreateTempSubdirectory("credit-external-");
        // A server of the platform's own kind, but started by the test: to the platform it is an external database.
        var database = new EmbeddedPostgres(folder.FullName, NullLogger.Instance);
        try
        {
            var connectionString = await database.StartAsync("credit");
            var logs = new CapturedLogs();
            await using var platform = await RunningPlatform.StartAsync(connectionString, builder => builder.Logging.AddProvider(logs));
            var court = platform.Client(PlatformFixture.Liwan);
            var railway = platform.Client(AgencyKeys.Railway);
            var ids = new List<string>();
            // Connections wait idle in the pools (ours and Orleans') when the server dies.
            for (var i = 0; i < 4; i++)
            {
                ids.Add(Identities.AdultResidentId());
                Assert.Equal(HttpStatusCode.Created, (await court.PostAsync($"{Person(ids[^1])}/listings", PersonListing(CaseNumber()))).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await platform.Client().GetAsync($"/api/v1/public/listings?idNumber={ids[^1]}")).StatusCode);
            }
            await HitAsync(railway, ids[^1]);

            using (var postmaster = Process.GetProcessById(PostmasterPidFile.Read(Path.Combine(folder.FullName, "pgdata"))!.ProcessId))
                postmaster.Kill();
            await UntilAsync(() => logs.Entries.Any(e => e.Contains("PostgreSQL does not answer", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the outage noticed");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await platform.Client().GetAsync("/health/ready")).StatusCode);
            // The platform does not restart a database that is not its own; its operator does.
            Assert.Null(PostmasterPidFile.Read(Path.Combine(folder.FullName, "pgdata")) is { } dead && dead.ServerAlive() ? dead : null);
            await database.RestartAsync(CancellationToken.None);

            // The very first requests after the database returns succeed: none meets a connection that died with it.
            var id = Identities.AdultResidentId();
            var written = await court.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()));
            Assert.True(written.StatusCode == HttpStatusCode.Created, $"{written.StatusCode}: {await written.Content.ReadAsStringAsync()}");
            Assert.Equal(HttpStatusCode.OK, (await platform.Client().GetAsync($"/api/v1/public/listings?idNumber={ids[0]}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await court.GetAsync(Person(ids[1]))).StatusCode);
            await HitAsync(railway, id);
            await UntilAsync(async () => (await platform.Client().GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "ready again");
        }
        finally
        {
            await database.StopAsync();
            folder.Delete(recursive: true);
        }
    }

    private static async Task WriteAsync(HttpClient court, bool entities, Stopwatch clock, ConcurrentQueue<Answer> answers,
        ConcurrentQueue<Write> acknowledged, ConcurrentQueue<Write> unacknowledged, CancellationToken stop)
    {
        court.Timeout = TimeSpan.FromSeconds(60);
        while (!stop.IsCancellationRequested)
        {
            var caseNumber = CaseNumber();
            Write write;
            if (entities)
            {
                var code = Identities.CreditCode();
                write = new Write(Entity(code), Guid.NewGuid().ToString(), caseNumber, code, Identities.AdultResidentId());
            }
            else
            {
                var id = Identities.AdultResidentId();
                write = new Write(Person(id), Guid.NewGuid().ToString(), caseNumber, id, null);
            }
            var body = write.Representative is { } representative ? EntityListing(caseNumber, representative) : PersonListing(caseNumber);
            var answer = await SendAsync("write", clock, () => court.PostAsync($"{write.Path}/listings", body, write.IdempotencyKey));
            answers.Enqueue(answer);
            (answer.Status == 201 ? acknowledged : unacknowledged).Enqueue(write);
            if (answer.Status != 201)
                await Task.Delay(100, CancellationToken.None);
        }
    }

    private static async Task CheckAsync(HttpClient agency, IReadOnlyList<string> listed, Stopwatch clock, ConcurrentQueue<Answer> answers, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            answers.Enqueue(await SendAsync("check", clock, () => agency.GetAsync(AgencyKeys.Path("railway", $"/checks/{listed[i % listed.Count]}"))));
            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static async Task SearchAsync(HttpClient client, IReadOnlyList<string> listed, Stopwatch clock, ConcurrentQueue<Answer> answers, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            answers.Enqueue(await SendAsync("search", clock, () => client.GetAsync($"/api/v1/public/listings?idNumber={listed[i % listed.Count]}")));
            await Task.Delay(50, CancellationToken.None);
        }
    }

    private static async Task ProbeReadinessAsync(HttpClient client, Stopwatch clock, ConcurrentQueue<Answer> answers, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            answers.Enqueue(await SendAsync("ready", clock, () => client.GetAsync("/health/ready")));
            await Task.Delay(250, CancellationToken.None);
        }
    }

    /// <summary>The answer, or status 0 if none came (a refused connection, a timeout).</summary>
    private static async Task<Answer> SendAsync(string kind, Stopwatch clock, Func<Task<HttpResponseMessage>> send)
    {
        var sent = clock.Elapsed;
        try
        {
            using var response = await send();
            var age = response.Headers.TryGetValues("Credit-Index-Age", out var ages) ? long.Parse(ages.Single(), CultureInfo.InvariantCulture) : (long?)null;
            return new Answer(kind, sent, clock.Elapsed, (int)response.StatusCode, response.Headers.TryGetValues("Retry-After", out var retry) ? retry.Single() : null,
                await response.Content.ReadAsStringAsync(), age);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return new Answer(kind, sent, clock.Elapsed, 0, null, error.Message, null);
        }
    }

    private static async Task HitAsync(HttpClient railway, string id) =>
        await UntilAsync(async () => (await (await railway.GetAsync(AgencyKeys.Path("railway", $"/checks/{id}"))).JsonAsync()).GetProperty("status").GetString() == "Hit",
            TimeSpan.FromSeconds(30), "a hit");

    private static Task UntilAsync(Func<bool> condition, TimeSpan bound, string what) => UntilAsync(() => Task.FromResult(condition()), bound, what);

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan bound, string what)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {bound.TotalSeconds} s: {what}");
            await Task.Delay(100);
        }
    }
}
