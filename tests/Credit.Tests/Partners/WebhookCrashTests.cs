using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Credit.Api.Hosting;
using Credit.Tests.Hosting;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Partners;

/// <summary>The platform killed with SIGKILL while a fan-out of webhooks is half delivered: after the restart the receiver has
/// every matching event of every subscription, exactly once by webhook-id once repeats are dropped, in order per subscription.</summary>
public sealed class WebhookCrashTests(TestPostgres postgres, ITestOutputHelper output)
{
    private const string Partner = "news-app";
    private const int Subscriptions = 20;
    private const int ListingsBefore = 30;
    private const int ListingsAfter = 5;

    private static string[] Settings => ["--Credit:Partners:Webhooks:Targets:AllowedHosts:0", "127.0.0.1"];

    [Fact]
    public async Task Kill_9_mid_fan_out_loses_no_event_and_keeps_each_subscriptions_order()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var (siloPort, gatewayPort) = (FreePort.Pick(), FreePort.Pick());
        // Slow enough that the kill finds deliveries in flight and most still to send.
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Slowness = TimeSpan.FromMilliseconds(25);
        var subscriptions = new List<Guid>();
        var listings = new List<Guid>();
        int deliveredAtKill;

        await using (var first = await PlatformProcess.StartAsync(connectionString, siloPort, gatewayPort, settings: Settings))
        {
            using var app = Client(first, "demo-news-app");
            for (var i = 0; i < Subscriptions; i++)
                subscriptions.Add(await SubscribeAsync(app, receiver.Url));
            using var court = Client(first, PlatformFixture.Liwan);
            for (var i = 0; i < ListingsBefore; i++)
                listings.Add(await ListAsync(court));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (receiver.Delivered().Count < Subscriptions * ListingsBefore / 4)
            {
                Assert.True(DateTime.UtcNow < deadline, $"only {receiver.Delivered().Count} deliveries before the kill was due");
                await Task.Delay(20);
            }
            first.Kill();
            deliveredAtKill = receiver.Delivered().Count;
        }
        Assert.True(deliveredAtKill < Subscriptions * ListingsBefore, "the fan-out had finished before the kill: nothing was in flight");

        await using var second = await PlatformProcess.StartAsync(connectionString, siloPort, gatewayPort, settings: Settings);
        using (var court = Client(second, PlatformFixture.Liwan))
        {
            for (var i = 0; i < ListingsAfter; i++)
                listings.Add(await ListAsync(court));
        }
        var expected = Subscriptions * listings.Count;
        var patience = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (receiver.Delivered().Count < expected && DateTime.UtcNow < patience)
            await Task.Delay(100);
        // Anything beyond the expected would be a delivery too many (another subscription's, or an event twice under two ids).
        await Task.Delay(1000);

        var delivered = receiver.Delivered();
        output.WriteLine($"{deliveredAtKill} of {Subscriptions * ListingsBefore} delivered at the kill; {delivered.Count} distinct of {expected} in " +
                         $"{receiver.Requests.Count} requests, {receiver.Requests.Count(r => r.Accepted) - delivered.Count} of them repeats");
        Assert.True(delivered.Count == expected,
            $"{delivered.Count} distinct deliveries, {expected} expected ({deliveredAtKill} before the kill, {receiver.Requests.Count} requests in all)");
        foreach (var subscription in subscriptions)
        {
            var own = delivered.Where(d => d.Id.StartsWith($"msg_{subscription:N}_", StringComparison.Ordinal)).ToList();
            // Every listing's addition, once each, in the order the court made them (the change log's order).
            Assert.Equal(listings, own.Select(d => d.ListingId).ToList());
            Assert.All(own, d => Assert.Equal("listing.added", d.Type));
            Assert.Equal(own.Select(d => d.Position).Order().ToList(), own.Select(d => d.Position).ToList());
            Assert.All(own, d => Assert.Equal($"msg_{subscription:N}_{d.Position}", d.Id));
        }
        // A repeat carries the same body as the first send, so dropping it by id loses nothing.
        Assert.All(receiver.Requests.GroupBy(r => r.Id), g => Assert.Single(g.Select(r => r.Body).Distinct()));
    }

    private static HttpClient Client(PlatformProcess platform, string key)
    {
        var client = new HttpClient { BaseAddress = platform.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task<Guid> SubscribeAsync(HttpClient app, Uri url)
    {
        var response = await app.PostAsJsonAsync($"/api/v1/partners/{Partner}/webhooks", new JsonObject { ["url"] = url.ToString() });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("subscription").GetProperty("id").GetGuid();
    }

    private static async Task<Guid> ListAsync(HttpClient court)
    {
        var response = await court.PostAsync($"{Person(Identities.AdultResidentIdIn("440103"))}/listings", PersonListing(CaseNumber(), "陈某"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }
}
