using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;

namespace Credit.Tests.Partners;

/// <summary>A removal reaches every consumer that was given the listing, also those whose filter admitted it only through
/// what the court recorded for the partners (phones, residence), which is deleted with the subject's last listing.</summary>
[Collection(PartnerCollection.Name)]
public sealed class PartnerRemovalTests(PartnerFixture fixture) : WebhookSteps(fixture)
{
    [Fact]
    public async Task A_removal_reaches_every_consumer_that_matched_the_listing_only_by_its_phones_or_residence()
    {
        // A person whose ID was issued in Beijing, living (the court says) in Guangzhou, at a point of this test's own.
        var district = Region();
        var (latitude, longitude) = (23.3 + Random.Shared.NextDouble() * 0.5, 113.6 + Random.Shared.NextDouble() * 0.5);
        await using var receiver = await WebhookReceiver.StartAsync();
        var byRegion = await SubscribeAsync(Fixture.App, "app", receiver.Url, new JsonObject { ["regions"] = new JsonArray(district) });
        var byGeofence = await SubscribeAsync(Fixture.App, "app", receiver.Url,
            new JsonObject { ["geofence"] = new JsonObject { ["latitude"] = latitude, ["longitude"] = longitude, ["radiusKm"] = 3 } });
        var byPhone = await SubscribeAsync(Fixture.Telecom, "telecom", receiver.Url, new JsonObject());
        var (id, listing) = await Fixture.ListAsync("110105", "马京");
        await Fixture.RecordResidenceAsync(id, latitude, longitude, district);
        await Fixture.RecordPhonesAsync(id, "13912345678");

        // Each was given the listing: the telecom operator by its phone, the region-filtered partner ("4401") by the residence.
        await PartnerFixture.ChangesWhenAsync(Fixture.Telecom, "telecom", 0, [listing], c => c.Any(x => x.GetProperty("type").GetString() == "Added"));
        await PartnerFixture.ChangesWhenAsync(Fixture.Photos, "photos", 0, [listing], c => c.Any(x => x.GetProperty("type").GetString() == "Added"));
        await DeliveredWhenAsync(receiver, d => new[] { byRegion, byGeofence, byPhone }.All(s => Mine(d, s).Any(r => r.Type == "listing.added")));

        await Fixture.RemoveAsync(id, listing);

        // Pull (and the event stream, which reads the same pages: PartnerFeedReader.ReadAsync) and every webhook take it back.
        foreach (var (partner, code) in new[] { (Fixture.Telecom, "telecom"), (Fixture.Photos, "photos") })
        {
            var changes = await PartnerFixture.ChangesWhenAsync(partner, code, 0, [listing], c => c.Any(x => x.GetProperty("type").GetString() == "Removed"));
            Assert.Equal("Removed", changes[^1].GetProperty("type").GetString());
        }
        var delivered = await DeliveredWhenAsync(receiver, d => new[] { byRegion, byGeofence, byPhone }.All(s => Mine(d, s).Any(r => r.Type == "listing.removed")));
        Assert.All(delivered.Where(d => d.Type == "listing.removed"),
            d => Assert.Equal(["listingId"], d.Json.GetProperty("data").GetProperty("entry").EnumerateObject().Select(p => p.Name).ToList()));

        List<WebhookReceiver.Received> Mine(List<WebhookReceiver.Received> all, Guid subscription) =>
            [.. all.Where(r => r.Id.StartsWith($"msg_{subscription:N}_", StringComparison.Ordinal) && r.ListingId == listing)];
    }

    private async Task<Guid> SubscribeAsync(HttpClient partner, string code, Uri url, JsonObject filter)
    {
        var response = await partner.PostAsJsonAsync($"/api/v1/partners/{code}/webhooks", new JsonObject { ["url"] = url.ToString(), ["filter"] = filter });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{await response.Content.ReadAsStringAsync()}\n{Fixture.LastErrors()}");
        return (await response.JsonAsync()).GetProperty("subscription").GetProperty("id").GetGuid();
    }
}
