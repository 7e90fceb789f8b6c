using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;

namespace Credit.Tests.Partners;

/// <summary>Webhooks to a real local receiver: signed per Standard Webhooks, every matching event exactly once by id and in
/// order, through a receiver outage and a platform restart; dead letters after the retry period (<see cref="WebhookParkingTests"/>).</summary>
[Collection(PartnerCollection.Name)]
public sealed class WebhookDeliveryTests(PartnerFixture fixture) : WebhookSteps(fixture)
{
    [Fact]
    public async Task Every_matching_event_arrives_exactly_once_by_id_in_order_through_an_outage_and_a_restart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var region = Region();
        var (subscription, secret) = await SubscribeAsync(Fixture.App, "app", receiver.Url, region);

        // Up: an addition, then a correction of what the partner sees (the residence, in the subscription's region).
        var (a, listingA) = await Fixture.ListAsync(region, "周甲");
        // Another region's listing is not this subscription's.
        var (_, elsewhere) = await Fixture.ListAsync("440999", "吴乙");
        await DeliveredWhenAsync(receiver, d => d.Any(r => r.ListingId == listingA));
        await Fixture.RecordResidenceAsync(a, 23.11, 113.24, region);
        await DeliveredWhenAsync(receiver, d => d.Count(r => r.ListingId == listingA) == 2);

        // Down for a while: an addition and a removal wait, retried.
        receiver.GoDown();
        var (_, listingB) = await Fixture.ListAsync(region, "郑丙");
        await Fixture.RemoveAsync(a, listingA);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (receiver.Requests.Count(r => !r.Accepted) < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "the platform never retried");
            await Task.Delay(50);
        }
        var failing = await (await Fixture.App.GetAsync($"/api/v1/partners/app/webhooks/{subscription}")).JsonAsync();
        Assert.True(failing.GetProperty("attempts").GetInt32() >= 1, failing.ToString());

        // The platform restarts while the receiver is still down, and a listing is added after it.
        await Fixture.RestartAsync();
        var (_, listingC) = await Fixture.ListAsync(region, "王丁");
        await Task.Delay(1500);
        receiver.ComeUp();

        var delivered = await DeliveredWhenAsync(receiver, d => d.Any(r => r.ListingId == listingC));
        await Task.Delay(1500);
        delivered = receiver.Delivered();
        Assert.Equal(
            [("listing.added", listingA), ("listing.changed", listingA), ("listing.added", listingB), ("listing.removed", listingA), ("listing.added", listingC)],
            delivered.Select(d => (d.Type, d.ListingId)).ToList());
        Assert.DoesNotContain(delivered, d => d.ListingId == elsewhere);
        // In order: the positions rise, and each id names its own position.
        Assert.Equal(delivered.Select(d => d.Position).Order().ToList(), delivered.Select(d => d.Position).ToList());
        Assert.All(delivered, d => Assert.Equal($"msg_{subscription:N}_{d.Position}", d.Id));
        // Every request, retries included, is signed with the subscription's secret, and a retry carries the same body.
        Assert.All(receiver.Requests, r => Assert.True(WebhookReceiver.VerifySignature(r, secret), $"bad signature on {r.Id}"));
        Assert.All(receiver.Requests.GroupBy(r => r.Id), g => Assert.Single(g.Select(r => r.Body).Distinct()));
        // A removal names the listing and nothing else.
        var removal = delivered.Single(d => d.Type == "listing.removed").Json.GetProperty("data").GetProperty("entry");
        Assert.Equal(["listingId"], removal.EnumerateObject().Select(p => p.Name).ToList());
        // The app is granted name and residence, never phone numbers.
        var added = delivered.First().Json.GetProperty("data").GetProperty("entry");
        Assert.Equal("周甲", added.GetProperty("name").GetString());
        Assert.False(added.TryGetProperty("phones", out _));
    }

    [Fact]
    public async Task A_signature_made_with_another_secret_does_not_verify()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var region = Region();
        var (_, secret) = await SubscribeAsync(Fixture.App, "app", receiver.Url, region);
        var (_, listing) = await Fixture.ListAsync(region, "冯戊");
        var delivered = (await DeliveredWhenAsync(receiver, d => d.Any(r => r.ListingId == listing))).Single();
        Assert.True(WebhookReceiver.VerifySignature(delivered, secret));
        Assert.False(WebhookReceiver.VerifySignature(delivered, "whsec_" + Convert.ToBase64String(new byte[32])));
        Assert.False(WebhookReceiver.VerifySignature(delivered with { Body = delivered.Body.Replace("冯戊", "冯己", StringComparison.Ordinal) }, secret));
    }

    [Fact]
    public async Task Subscriptions_are_the_partners_own_and_only_partners_allowed_webhooks_have_them()
    {
        var other = await Fixture.Telecom.GetAsync("/api/v1/partners/app/webhooks");
        await ProblemAssert.IsProblem(other, HttpStatusCode.Forbidden, "partner");
        var invalid = await Fixture.App.PostAsJsonAsync("/api/v1/partners/app/webhooks",
            new JsonObject { ["url"] = "ftp://example.com/x", ["filter"] = new JsonObject { ["regions"] = new JsonArray("44x"), ["geofence"] = new JsonObject { ["latitude"] = 91, ["longitude"] = 113, ["radiusKm"] = 5 } } });
        var problem = await ProblemAssert.IsProblem(invalid, HttpStatusCode.BadRequest, "url");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("filter.regions", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("filter.geofence.latitude", out _), problem.ToString());
        var missing = await Fixture.App.GetAsync($"/api/v1/partners/app/webhooks/{Guid.NewGuid()}/dead-letters");
        await ProblemAssert.IsProblem(missing, HttpStatusCode.NotFound, "subscriptionId");
        // A partner allowed webhooks only may not pull.
        var pull = await Fixture.Platform.Client(PartnerFixture.WebhookOnlyKey).GetAsync("/api/v1/partners/webhook-only/changes");
        await ProblemAssert.IsProblem(pull, HttpStatusCode.Forbidden, "partner");
    }
}
