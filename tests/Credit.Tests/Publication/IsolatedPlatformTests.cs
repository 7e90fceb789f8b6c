using Credit.Hosting.Reconciliation;
using System.Net;
using Credit.Api.Publication;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Publication;

/// <summary>Tests that need a platform of their own: a tampered database, a low rate limit, a failing search engine.</summary>
public sealed class IsolatedPlatformTests(TestPostgres postgres)
{
    [Fact]
    public async Task Reconciliation_republishes_a_change_whose_projection_was_lost_in_a_crash()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var platform = await RunningPlatform.StartAsync(connectionString);
        var id = Identities.AdultResidentId();
        var name = PublicSearchApiTests.UniqueName();
        Assert.Equal(HttpStatusCode.Created, (await platform.Client(PlatformFixture.Liwan).PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber(), name))).StatusCode);
        // As if the process died after storing the grain state and before the projection committed.
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var erase = new NpgsqlCommand(
                "DELETE FROM change_log WHERE subject_key = @key; DELETE FROM public_listings WHERE subject_key = @key; DELETE FROM projected_subjects WHERE subject_key = @key", connection);
            erase.Parameters.AddWithValue("key", $"p:{id}");
            await erase.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        var reconciler = platform.Services.GetRequiredService<PublicationReconciler>();

        var repair = await reconciler.RunAsync(TestContext.Current.CancellationToken);
        var after = await reconciler.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal((1, 1), (repair.Differences, repair.Repaired));
        Assert.Equal(0, after.Differences);
        var found = await (await platform.Client().GetAsync($"/api/v1/public/listings?name={name}")).JsonAsync();
        Assert.Single(found.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Public_search_is_rate_limited_per_client_with_retry_after()
    {
        await using var platform = await RunningPlatform.StartAsync(await postgres.CreateDatabaseAsync(), true, "--Credit:Search:RequestsPerMinute", "3");
        var client = platform.Client();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/public/listings?name=张三")).StatusCode);

        var limited = await client.GetAsync("/api/v1/public/listings?name=张三");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero || int.Parse(limited.Headers.GetValues("Retry-After").First(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task With_no_proxy_configured_a_forwarded_header_from_loopback_changes_nothing()
    {
        // No Credit:Http:TrustedProxies: not even a loopback connection (a sidecar, a local proxy passing the header through)
        // is a proxy whose X-Forwarded-For names the client.
        await using var platform = await RunningPlatform.StartAsync(await postgres.CreateDatabaseAsync(), true, "--Credit:Search:RequestsPerMinute", "3");
        var client = platform.Client();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/public/listings?name=张三")).StatusCode);

        foreach (var forwardedFor in new[] { "8.8.8.8", "203.0.113.7", "::1", "8.8.8.8, 127.0.0.1" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/public/listings?name=张三");
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
    }

    [Fact]
    public async Task When_Elasticsearch_cannot_answer_the_public_gets_503_with_retry_after_never_500()
    {
        var cluster = new ElasticsearchFakeCluster(_ => (200, "{}"));
        var logs = new CapturedLogs();
        await using var platform = await RunningPlatform.StartAsync(await postgres.CreateDatabaseAsync(), builder =>
            {
                // Registered before the engine's own, so the engine talks to the scripted cluster.
                builder.Services.AddSingleton(cluster.Client);
                builder.Logging.AddProvider(logs);
            }, true,
            "--Credit:Search:Engine", "Elasticsearch",
            "--Credit:Search:Elasticsearch:Url", "http://fake-cluster:9200");
        var id = Identities.AdultResidentId();
        var client = platform.Client();

        foreach (var failure in Enum.GetValues<ClusterFailure>())
        {
            cluster.FailWith(failure);
            foreach (var path in new[] { $"/api/v1/public/listings?idNumber={id}", "/api/v1/public/listings?name=张三", $"/api/v1/public/listings/{Guid.NewGuid()}" })
            {
                var response = await client.GetAsync(path);

                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{failure}, {path}: {(int)response.StatusCode} {text}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
                var problem = await response.JsonAsync();
                Assert.Equal(503, problem.GetProperty("status").GetInt32());
                Assert.Contains("查询服务暂时不可用", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
                Assert.Contains("unavailable", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
                // Nothing of the engine or its reasons is shown to the public.
                Assert.DoesNotContain("Elasticsearch", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(id, text, StringComparison.OrdinalIgnoreCase);
            }
        }
        Assert.Contains(logs.Entries, entry => entry.Contains("Public search answered 503", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, entry => entry.Contains(id, StringComparison.OrdinalIgnoreCase));
    }
}
