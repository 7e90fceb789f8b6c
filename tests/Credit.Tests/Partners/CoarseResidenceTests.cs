using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;

namespace Credit.Tests.Partners;

/// <summary>Partners get the residence's district, street and a point snapped to the 0.01° grid (about a kilometre), never the
/// point the court recorded, on every channel; their geofences are judged on the same coarse point.</summary>
[Collection(PartnerCollection.Name)]
public sealed class CoarseResidenceTests(PartnerFixture fixture) : WebhookSteps(fixture)
{
    [Fact]
    public async Task Partners_receive_the_residence_on_a_one_kilometre_grid_on_every_channel()
    {
        var district = Region();
        await using var receiver = await WebhookReceiver.StartAsync();
        // A geofence whose centre is 2 km from the cell's centre still admits the listing.
        var response = await Fixture.App.PostAsJsonAsync("/api/v1/partners/app/webhooks", new JsonObject
        {
            ["url"] = receiver.Url.ToString(),
            ["filter"] = new JsonObject { ["geofence"] = new JsonObject { ["latitude"] = 23.11 + 2 / 111.32, ["longitude"] = 113.24, ["radiusKm"] = 3 } },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var subscription = (await response.JsonAsync()).GetProperty("subscription").GetProperty("id").GetGuid();
        var (id, listing) = await Fixture.ListAsync(district, "邓十一");
        await Fixture.RecordResidenceAsync(id, 23.10951234567, 113.24371234567, district);

        var changes = await PartnerFixture.ChangesWhenAsync(Fixture.App, "app", 0, [listing],
            c => c.Any(x => x.GetProperty("entry").TryGetProperty("residence", out var residence) && residence.ValueKind == JsonValueKind.Object));
        var (_, snapshot) = await PartnerFixture.SnapshotAsync(Fixture.App, "app");
        var delivered = await DeliveredWhenAsync(receiver, d => d.Any(r => r.Id.StartsWith($"msg_{subscription:N}_", StringComparison.Ordinal) && r.ListingId == listing));

        var residences = new[]
        {
            changes.Last(c => c.GetProperty("entry").TryGetProperty("residence", out var residence) && residence.ValueKind == JsonValueKind.Object).GetProperty("entry").GetProperty("residence"),
            snapshot[listing].GetProperty("residence"),
            delivered.Last(r => r.ListingId == listing).Json.GetProperty("data").GetProperty("entry").GetProperty("residence"),
        };
        Assert.All(residences, residence =>
        {
            Assert.Equal(district, residence.GetProperty("regionCode").GetString());
            Assert.Equal("沙面街道", residence.GetProperty("street").GetString());
            Assert.Equal(23.11, residence.GetProperty("latitude").GetDouble());
            Assert.Equal(113.24, residence.GetProperty("longitude").GetDouble());
        });
        Assert.DoesNotContain("23.1095", string.Join("", changes.Select(c => c.ToString()).Concat(delivered.Select(d => d.Body))) + snapshot[listing]);
    }
}
