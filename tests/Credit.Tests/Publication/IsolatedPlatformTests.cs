using System.Net;
using Credit.Api.Publication;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Publication;

/// <summary>Tests that need a platform of their own: a tampered database, a low rate limit.</summary>
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
}
