using Credit.Hosting.Reconciliation;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Api.Publication;
using Credit.Tests.Agencies;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Publication;

/// <summary>The invariant: a change is either refused with nothing stored, or stored and then published to every read model.
/// A projection that fails after the state is stored never leaves the court with a 500: the court hears 503 "stored, not yet
/// published", the same Idempotency-Key completes it, the failure shows in readiness and in reconciliation until it is
/// repaired. Proved with a projection that fails on purpose, on platforms of their own.</summary>
public sealed class PublicationInvariantTests(TestPostgres postgres)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string InThreeMonths => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddMonths(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_change_whose_publication_fails_is_answered_503_stored_shown_in_readiness_and_reconciliation_and_completed_by_the_same_key()
    {
        await using var platform = await RunningPlatform.StartAsync(await postgres.CreateDatabaseAsync(), FailingProjection.Register);
        var channels = new Channels(platform);
        var failing = FailingProjection.Of(platform);
        string listed = Identities.AdultResidentId(), banned = Identities.AdultResidentId();
        failing.Fail($"p:{listed}");
        failing.Fail($"p:{banned}");
        var key = Guid.NewGuid().ToString();
        var listing = PersonListing(CaseNumber(), $"王{RareNames.Ji}明");

        var response = await channels.Court.PostAsync($"{Person(listed)}/listings", listing, key);
        var exitBan = await channels.Court.PostAsync($"{Person(banned)}/exit-bans", ExitBan(CaseNumber(), Today, InThreeMonths, $"王{RareNames.Ji}明"));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("10", response.Headers.GetValues("Retry-After").Single());
        Assert.True(problem.GetProperty("stored").GetBoolean());
        Assert.Equal(key, problem.GetProperty("idempotencyKey").GetString());
        Assert.Contains("same Idempotency-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var listingId = problem.GetProperty("itemId").GetString()!;
        await ProblemAssert.IsProblem(exitBan, HttpStatusCode.ServiceUnavailable);
        // Stored, and the court's view says so; the readers do not know yet, and the court was told exactly that.
        Assert.Equal([listingId], Channels.ActiveListings(await channels.CourtViewAsync(listed)));
        Assert.Empty(await channels.PublicByIdAsync(listed));
        var readiness = await channels.ReadinessAsync();
        Assert.Equal("Degraded", readiness.GetProperty("status").GetString());
        Assert.Contains("2 subject(s)", readiness.GetProperty("checks").GetProperty("publication").GetProperty("description").GetString(), StringComparison.Ordinal);
        var reconciler = platform.Services.GetRequiredService<PublicationReconciler>();
        var stillFailing = await reconciler.RunAsync(Cancellation);
        Assert.Equal((2, 0), (stillFailing.Differences, stillFailing.Repaired));
        Assert.Equal(new[] { $"p:{banned}", $"p:{listed}" }.Order(StringComparer.Ordinal), stillFailing.FailingPublications.Select(f => f.SubjectKey).Order(StringComparer.Ordinal));
        Assert.All(stillFailing.FailingPublications, f => Assert.True(f.Attempts >= 2, $"{f.Attempts} attempts: the court's and reconciliation's"));
        Assert.All(stillFailing.FailingPublications, f => Assert.DoesNotContain(listed, f.Describe(), StringComparison.Ordinal));

        failing.Heal($"p:{listed}");
        failing.Heal($"p:{banned}");
        var retried = await channels.Court.PostAsync($"{Person(listed)}/listings", listing, key);

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(listingId, (await retried.JsonAsync()).GetProperty("id").GetString());
        Assert.Equal([listingId], Channels.ActiveListings(await channels.CourtViewAsync(listed)));
        Assert.Equal(listingId, Assert.Single(await channels.PublicByIdAsync(listed)).GetProperty("listingId").GetString());
        await channels.CheckAsync(AgencyKeys.Railway, "railway", listed, "Hit");
        // Nobody retries the exit ban: reconciliation publishes it.
        var repaired = await reconciler.RunAsync(Cancellation);
        Assert.Equal((1, 1, 0), (repaired.Differences, repaired.Repaired, repaired.FailingPublications.Count));
        await channels.CheckAsync(AgencyKeys.Border, "border-inspection", banned, "Hit");
        Assert.Equal("Healthy", (await channels.ReadinessAsync()).GetProperty("status").GetString());
        var after = await reconciler.RunAsync(Cancellation);
        Assert.Equal((0, 0), (after.Differences, after.FailingPublications.Count));
    }

    [Fact]
    public async Task Every_change_is_refused_with_nothing_stored_or_stored_and_published_everywhere_while_publication_fails_at_random()
    {
        // The changes a failing run drew are drawn again with CREDIT_TEST_SEED (where the projection fails stays random).
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CREDIT_TEST_SEED"), out var given) ? given : Environment.TickCount;
        TestContext.Current.TestOutputHelper?.WriteLine($"changes drawn with seed {seed}");
        var random = new Random(seed);
        await using var platform = await RunningPlatform.StartAsync(await postgres.CreateDatabaseAsync(), FailingProjection.Register);
        var channels = new Channels(platform);
        var failing = FailingProjection.Of(platform);
        var subjects = Enumerable.Range(0, 4).Select(i => (Id: Identities.AdultResidentId(), Name: RareNames.Person(random, RareNames.Blocks[random.Next(RareNames.Blocks.Length)]))).ToArray();
        failing.FailAtRandom(0.4);
        var pending = 0;

        for (var step = 0; step < 24; step++)
        {
            var (id, name) = subjects[random.Next(subjects.Length)];
            var court = await channels.CourtViewAsync(id);
            var active = Channels.ActiveListings(court);
            var (path, body, success) = random.Next(5) switch
            {
                0 when active.Length > 0 => ($"{Person(id)}/listings/{active[0]}/corrections",
                    (JsonNode)new JsonObject { ["explanation"] = "姓名录入有误", ["subjectName"] = name = RareNames.WithMiddleDot(random) }, HttpStatusCode.OK),
                1 when active.Length > 0 => ($"{Person(id)}/listings/{active[0]}/removal",
                    new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已全部履行" }, HttpStatusCode.OK),
                2 => ($"{Person(id)}/exit-bans", ExitBan(CaseNumber(), Today, InThreeMonths, name), HttpStatusCode.Created),
                3 => ($"{Person(id)}/listings", ObligationNaming(name, Identities.AdultResidentId()), HttpStatusCode.BadRequest),
                _ => ($"{Person(id)}/listings", PersonListing(CaseNumber(), name), HttpStatusCode.Created),
            };
            var key = Guid.NewGuid().ToString();
            var version = court?.GetProperty("version").GetInt64() ?? 0;

            var response = await channels.Court.PostAsync(path, body, key);

            if (success == HttpStatusCode.BadRequest)
            {
                await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "obligation");
                Assert.Equal(version, (await channels.CourtViewAsync(id))?.GetProperty("version").GetInt64() ?? 0);
                continue;
            }
            for (var retry = 0; response.StatusCode == HttpStatusCode.ServiceUnavailable; retry++)
            {
                Assert.True(retry < 30, $"still 503 after {retry} retries (seed {seed})");
                Assert.True((await response.JsonAsync()).GetProperty("stored").GetBoolean());
                Assert.True((await channels.CourtViewAsync(id))!.Value.GetProperty("version").GetInt64() > version, $"a 503 for a change not stored (seed {seed})");
                pending++;
                response = await channels.Court.PostAsync(path, body, key);
            }
            Assert.True(response.StatusCode == success, $"step {step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancellation)} (seed {seed})");
            await AssertPublishedEverywhereAsync(channels, id);
            for (var i = 0; i < subjects.Length; i++)
                subjects[i] = subjects[i].Id == id ? (id, name) : subjects[i];
        }

        failing.FailAtRandom(0);
        TestContext.Current.TestOutputHelper?.WriteLine($"{pending} answers were 503 and completed by a retry");
        var report = await platform.Services.GetRequiredService<PublicationReconciler>().RunAsync(Cancellation);
        Assert.Equal((0, 0), (report.Differences, report.FailingPublications.Count));
        Assert.Equal("Healthy", (await channels.ReadinessAsync()).GetProperty("status").GetString());
    }

    /// <summary>A listing whose obligation names someone's full resident ID: refused, since the obligation is published.</summary>
    private static JsonObject ObligationNaming(string name, string id)
    {
        var body = PersonListing(CaseNumber(), name);
        body["obligation"] = $"向申请执行人（身份证号{id}）支付货款";
        return body;
    }

    /// <summary>What the court sees of the subject is what the public and the agencies see.</summary>
    private static async Task AssertPublishedEverywhereAsync(Channels channels, string id)
    {
        var court = (await channels.CourtViewAsync(id))!.Value;
        var name = court.GetProperty("profile").GetProperty("name").GetString();
        var published = await channels.PublicByIdAsync(id);
        Assert.Equal(Channels.ActiveListings(court), published.Select(l => l.GetProperty("listingId").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(published, l => Assert.Equal(name, l.GetProperty("name").GetString()));

        bool Holds(string items) => court.GetProperty(items).EnumerateArray().Any(i => i.GetProperty("status").GetString() == "Active");
        var restricted = Holds("listings") || Holds("restrictions");
        await channels.CheckAsync(AgencyKeys.Railway, "railway", id, restricted ? "Hit" : "Clear");
        await channels.CheckAsync(AgencyKeys.Border, "border-inspection", id, Holds("exitBans") ? "Hit" : "Clear");
        // A snapshot is exact at its position, which a writer still open below the change keeps a moment behind it (the
        // horizon); within seconds it shows the court's state, as the checks above do.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var (_, railway) = await channels.SnapshotAsync(AgencyKeys.Railway, "railway");
            var shown = railway.TryGetValue(id, out var entry) ? entry.GetProperty("name").GetString() : null;
            if (shown == (restricted ? name : null) || DateTime.UtcNow > deadline)
            {
                Assert.Equal(restricted, railway.ContainsKey(id));
                if (restricted)
                    Assert.Equal(name, shown);
                return;
            }
            await Task.Delay(50);
        }
    }
}
