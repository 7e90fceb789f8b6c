using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;

namespace Credit.Tests.Partners;

/// <summary>What the webhook tests do over and over: subscribe, wait for deliveries, read dead letters.</summary>
public abstract class WebhookSteps(PartnerFixture fixture)
{
    protected PartnerFixture Fixture { get; } = fixture;

    protected static string Region() => $"4401{Random.Shared.Next(10, 99)}";

    protected async Task<(Guid Id, string Secret)> SubscribeAsync(HttpClient partner, string code, Uri url, string region)
    {
        var response = await partner.PostAsJsonAsync($"/api/v1/partners/{code}/webhooks",
            new JsonObject { ["url"] = url.ToString(), ["filter"] = new JsonObject { ["regions"] = new JsonArray(region) } });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{await response.Content.ReadAsStringAsync()}\n{Fixture.LastErrors()}");
        var created = await response.JsonAsync();
        return (created.GetProperty("subscription").GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    protected static async Task<List<WebhookReceiver.Received>> DeliveredWhenAsync(WebhookReceiver receiver, Func<List<WebhookReceiver.Received>, bool> done,
        TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var delivered = receiver.Delivered();
            if (done(delivered))
                return delivered;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The receiver never got what was expected; it got {string.Join(", ", delivered.Select(d => $"{d.Type} {d.ListingId}"))}");
            await Task.Delay(100);
        }
    }

    protected async Task<List<JsonElement>> DeadLettersAsync(Guid subscription)
    {
        var response = await Fixture.App.GetAsync($"/api/v1/partners/app/webhooks/{subscription}/dead-letters");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.JsonAsync()).EnumerateArray()];
    }

    /// <summary>Asks until <paramref name="done"/> holds, at most 90 s: a subscription whose activation was collected while
    /// its clock jumped a day (idle by that clock) is woken again by its reminder, which comes once a minute.</summary>
    protected async Task<List<JsonElement>> DeadLettersWhenAsync(Guid subscription, Func<List<JsonElement>, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var letters = await DeadLettersAsync(subscription);
            if (done(letters))
                return letters;
            Assert.True(DateTime.UtcNow < deadline, $"the dead letters never met the condition: {string.Join(", ", letters)}");
            await Task.Delay(100);
        }
    }
}
