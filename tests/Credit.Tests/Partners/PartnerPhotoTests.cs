using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using Credit.Tests.Screens;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Partners;

/// <summary>ID photos for exposure partners: a reference in the feed and the webhooks of a partner granted the photo, the photo
/// itself from the partner's photo endpoint with caching headers, and nothing for a partner not granted it, for a subject
/// outside its feed, or once the listing is removed.</summary>
[Collection(PartnerCollection.Name)]
public sealed class PartnerPhotoTests(PartnerFixture fixture)
{
    private static string Liwan() => $"4401{Random.Shared.Next(10, 99)}";

    /// <summary>The entry's photo reference, or null when it has none (left out, or null as the pull feed writes it).</summary>
    private static string? PhotoOf(JsonElement change)
    {
        var entry = change.TryGetProperty("entry", out var inner) ? inner : change;
        return entry.TryGetProperty("photoId", out var photo) && photo.ValueKind == JsonValueKind.String ? photo.GetString() : null;
    }

    private async Task<string> UploadPhotoAsync(string id)
    {
        var response = await fixture.Court.PutAsync($"{Person(id)}/photo", TestPhotos.Content(TestPhotos.Jpeg(600, 800), "image/jpeg"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("photoId").GetString()!;
    }

    [Fact]
    public async Task A_partner_granted_the_photo_gets_its_reference_in_the_feed_and_the_photo_while_the_listing_is_in_its_feed()
    {
        var after = (await PartnerFixture.SnapshotAsync(fixture.Photos, "photos")).Position;
        var (id, listing) = await fixture.ListAsync(Liwan(), "秦一");
        var added = await PartnerFixture.ChangesWhenAsync(fixture.Photos, "photos", after, [listing], c => c.Count > 0);
        Assert.Null(PhotoOf(added.Single()));

        // The photo uploaded after the listing reached the partner: a change carrying the reference.
        var photoId = await UploadPhotoAsync(id);
        var changes = await PartnerFixture.ChangesWhenAsync(fixture.Photos, "photos", after, [listing],
            c => c.Any(e => PhotoOf(e) == photoId));
        Assert.Equal(["Added", "Changed"], changes.Select(c => c.GetProperty("type").GetString()).ToList());
        // Only what the partner is granted: the name and the photo, no ID number.
        Assert.False(changes[^1].GetProperty("entry").TryGetProperty("maskedId", out _), changes[^1].ToString());

        var served = await fixture.Photos.GetAsync($"/api/v1/partners/photos/photos/{photoId}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{photoId}\"", served.Headers.ETag?.Tag);
        Assert.True(served.Headers.CacheControl is { Private: true, NoCache: true }, $"Cache-Control was {served.Headers.CacheControl}");
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8], bytes[..2]);
        Assert.False(TestPhotos.HasApp1Segment(bytes), "the served photo carries an APP1 (EXIF or XMP) segment");
        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/partners/photos/photos/{photoId}");
        again.Headers.IfNoneMatch.Add(served.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await fixture.Photos.SendAsync(again)).StatusCode);

        // Removed: the removal names the listing only, and the photo is no longer served, not even as a 304.
        await fixture.RemoveAsync(id, listing);
        await PartnerFixture.ChangesWhenAsync(fixture.Photos, "photos", after, [listing], c => c.Any(e => e.GetProperty("type").GetString() == "Removed"));
        var gone = await fixture.Photos.GetAsync($"/api/v1/partners/photos/photos/{photoId}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("photoId", (await gone.JsonAsync()).GetProperty("field").GetString());
        var revalidated = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/partners/photos/photos/{photoId}");
        revalidated.Headers.IfNoneMatch.Add(served.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Photos.SendAsync(revalidated)).StatusCode);
        // The earlier changes keep no reference to it either.
        var history = await PartnerFixture.ChangesWhenAsync(fixture.Photos, "photos", after, [listing], _ => true);
        Assert.All(history, c => Assert.Null(PhotoOf(c)));
    }

    [Fact]
    public async Task A_partner_not_granted_the_photo_gets_no_reference_and_a_403_for_the_photo()
    {
        var (id, listing) = await fixture.ListAsync(Liwan(), "秦二");
        var photoId = await UploadPhotoAsync(id);
        // The photo partner sees it, so the reference exists; the app, granted no photo, neither sees the reference nor gets the photo.
        await PartnerFixture.ChangesWhenAsync(fixture.Photos, "photos", 0, [listing],
            c => c.Any(e => PhotoOf(e) is not null));
        var appChanges = await PartnerFixture.ChangesWhenAsync(fixture.App, "app", 0, [listing], c => c.Count > 0);
        Assert.All(appChanges, c => Assert.Null(PhotoOf(c)));

        var refused = await fixture.App.GetAsync($"/api/v1/partners/app/photos/{photoId}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("photoId", (await refused.JsonAsync()).GetProperty("field").GetString());
        // Nor through another partner's route with its own key.
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.App.GetAsync($"/api/v1/partners/photos/photos/{photoId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Platform.Client("no-such-key").GetAsync($"/api/v1/partners/photos/photos/{photoId}")).StatusCode);
    }

    [Fact]
    public async Task A_photo_of_a_subject_outside_the_partners_feed_is_a_404()
    {
        // Shenzhen: outside the photo partner's regions (Guangzhou).
        var (id, listing) = await fixture.ListAsync("440304", "秦三");
        var photoId = await UploadPhotoAsync(id);
        // The app (everywhere, no photo grant) has seen the listing: the projection is past the upload.
        await PartnerFixture.ChangesWhenAsync(fixture.App, "app", 0, [listing], c => c.Count > 0);
        await Task.Delay(500);

        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Photos.GetAsync($"/api/v1/partners/photos/photos/{photoId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Photos.GetAsync("/api/v1/partners/photos/photos/not-a-photo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Photos.GetAsync($"/api/v1/partners/photos/photos/{new string('0', 32)}")).StatusCode);
    }

    [Fact]
    public async Task A_webhook_of_a_partner_granted_the_photo_carries_the_reference()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var region = Liwan();
        var subscribed = await fixture.Photos.PostAsJsonAsync("/api/v1/partners/photos/webhooks",
            new JsonObject { ["url"] = receiver.Url.ToString(), ["filter"] = new JsonObject { ["regions"] = new JsonArray(region) } });
        Assert.True(subscribed.StatusCode == HttpStatusCode.Created, await subscribed.Content.ReadAsStringAsync());
        var (id, listing) = await fixture.ListAsync(region, "秦四");
        var photoId = await UploadPhotoAsync(id);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonElement? carried = null;
        while (carried is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no webhook carried the photo; got {string.Join(", ", receiver.Delivered().Select(d => d.Body))}");
            carried = receiver.Delivered().Where(d => d.ListingId == listing).Select(d => d.Json.GetProperty("data").GetProperty("entry"))
                .Cast<JsonElement?>().FirstOrDefault(e => PhotoOf(e!.Value) is not null);
            await Task.Delay(100);
        }
        Assert.Equal(photoId, carried.Value.GetProperty("photoId").GetString());
        Assert.Equal(HttpStatusCode.OK, (await fixture.Photos.GetAsync($"/api/v1/partners/photos/photos/{photoId}")).StatusCode);
    }
}
