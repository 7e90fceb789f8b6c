using System.Net;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using Npgsql;
using SixLabors.ImageSharp;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Screens;

/// <summary>The courts' ID photos: checked by content, stored without metadata, shown only to channels granted them, and
/// deleted with the last listing that shows them.</summary>
[Collection(ScreenCollection.Name)]
public sealed class PhotoTests(ScreenFixture fixture)
{
    private const string Channel = "photos";

    public static TheoryData<string, string> Formats => new()
    {
        { "jpeg", "image/jpeg" },
        { "png", "image/png" },
        { "webp", "image/webp" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task An_uploaded_photo_is_encoded_anew_without_its_metadata_and_served_to_the_screens_with_caching_headers(string format, string mediaType)
    {
        var (id, listingId) = await fixture.ListAsync(ScreenFixture.RegionOf(Channel), "郑一");
        var upload = format switch
        {
            "jpeg" => TestPhotos.Jpeg(1200, 1600),
            "png" => TestPhotos.Png(300, 400),
            _ => TestPhotos.Webp(300, 400),
        };
        if (format == "jpeg")
            Assert.True(TestPhotos.HasApp1Segment(upload), "the test's own JPEG should carry EXIF");

        var stored = await fixture.Court.PutAsync($"{Person(id)}/photo", TestPhotos.Content(upload, mediaType));

        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        var photo = await stored.JsonAsync();
        Assert.Equal("image/jpeg", photo.GetProperty("mediaType").GetString());
        // The long side is cut down to 800 pixels; a smaller photo keeps its size.
        Assert.Equal(format == "jpeg" ? (600, 800) : (300, 400), (photo.GetProperty("width").GetInt32(), photo.GetProperty("height").GetInt32()));
        var playlist = await fixture.PlaylistWhenAsync(Channel, p => PhotoOf(p, listingId) is not null);
        var address = PhotoOf(playlist, listingId)!;
        Assert.EndsWith(photo.GetProperty("photoId").GetString()!, address, StringComparison.Ordinal);

        var served = await fixture.Screens.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.True(served.Headers.CacheControl is { Private: true, MaxAge: not null }, $"Cache-Control was {served.Headers.CacheControl}");
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8], bytes[..2]);
        Assert.False(TestPhotos.HasApp1Segment(bytes), "the served photo carries an APP1 (EXIF or XMP) segment");
        Assert.Null(Image.Identify(bytes).Metadata.ExifProfile);

        var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.IfNoneMatch.Add(served.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await fixture.Screens.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task An_upload_that_is_not_a_photo_within_the_limits_is_refused_and_changes_nothing()
    {
        var (id, _) = await fixture.ListAsync(ScreenFixture.RegionOf(Channel), "冯二");
        var path = $"{Person(id)}/photo";

        // Named and typed as a JPEG, but text: the content decides.
        await ProblemAssert.IsProblem(await fixture.Court.PutAsync(path, TestPhotos.Content("not a photo at all"u8.ToArray(), "image/jpeg")), HttpStatusCode.BadRequest, "body");
        // A GIF is an image, but not one the courts may send.
        var gif = Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");
        await ProblemAssert.IsProblem(await fixture.Court.PutAsync(path, TestPhotos.Content(gif, "image/png")), HttpStatusCode.BadRequest, "body");
        await ProblemAssert.IsProblem(await fixture.Court.PutAsync(path, TestPhotos.Content(TestPhotos.Png(5000, 70), "image/png")), HttpStatusCode.BadRequest, "body");
        await ProblemAssert.IsProblem(await fixture.Court.PutAsync(path, TestPhotos.Content(TestPhotos.Png(40, 40), "image/png")), HttpStatusCode.BadRequest, "body");
        await ProblemAssert.IsProblem(await fixture.Court.PutAsync(path, TestPhotos.Content(new byte[2 * 1024 * 1024 + 1], "image/jpeg")), HttpStatusCode.BadRequest, "body");
        await ProblemAssert.IsProblem(await fixture.Court.PutAsync(path, TestPhotos.Content(TestPhotos.Png(300, 400), "application/pdf")), HttpStatusCode.UnsupportedMediaType, "Content-Type");
        // Another court's debtor, and a subject no court lists.
        var yuexiu = fixture.Platform.Client("demo-yuexiu-district-court");
        await ProblemAssert.IsProblem(await yuexiu.PutAsync(path, TestPhotos.Content(TestPhotos.Png(300, 400), "image/png")), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await fixture.Court.PutAsync($"{Person(Identities.AdultResidentId())}/photo",
            TestPhotos.Content(TestPhotos.Png(300, 400), "image/png")), HttpStatusCode.NotFound);

        Assert.Equal(0L, await PhotoRowsAsync($"p:{id}"));
    }

    [Fact]
    public async Task A_photo_is_served_only_to_channels_that_show_photos_and_show_its_subject()
    {
        var (id, listingId) = await fixture.ListAsync(ScreenFixture.RegionOf(Channel), "陈三");
        var stored = await fixture.Court.PutAsync($"{Person(id)}/photo", TestPhotos.Content(TestPhotos.Png(300, 400), "image/png"));
        var photoId = (await stored.JsonAsync()).GetProperty("photoId").GetString();
        await fixture.PlaylistWhenAsync(Channel, p => PhotoOf(p, listingId) is not null);

        // The same region, but a channel without photos: the slide has none, and asking for it finds nothing.
        var withoutPhotos = await fixture.PlaylistWhenAsync("no-photos", p => ScreenFixture.SlideIds(p).Contains(listingId));
        Assert.Null(PhotoOf(withoutPhotos, listingId));
        await ProblemAssert.IsProblem(await fixture.Screens.GetAsync($"/api/v1/screens/no-photos/photos/{photoId}"), HttpStatusCode.NotFound, "photoId");
        // A channel with photos that does not show the subject.
        await ProblemAssert.IsProblem(await fixture.Screens.GetAsync($"/api/v1/screens/api/photos/{photoId}"), HttpStatusCode.NotFound, "photoId");
        await ProblemAssert.IsProblem(await fixture.Platform.Client(ScreenFixture.OtherOperatorKey).GetAsync($"/api/v1/screens/{Channel}/photos/{photoId}"),
            HttpStatusCode.Forbidden, "channel");
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Platform.Client().GetAsync($"/api/v1/screens/{Channel}/photos/{photoId}")).StatusCode);
    }

    [Fact]
    public async Task A_photo_is_deleted_with_the_last_listing_that_shows_it()
    {
        var region = ScreenFixture.RegionOf(Channel);
        var id = Identities.AdultResidentIdIn(region);
        var listings = new List<Guid>();
        foreach (var caseNumber in new[] { CaseNumber(), CaseNumber() })
        {
            var listed = await fixture.Court.PostAsync($"{Person(id)}/listings", PersonListing(caseNumber, "褚四"));
            Assert.Equal(HttpStatusCode.Created, listed.StatusCode);
            listings.Add((await listed.JsonAsync()).GetProperty("id").GetGuid());
        }
        Assert.Equal(HttpStatusCode.OK, (await fixture.Court.PutAsync($"{Person(id)}/photo", TestPhotos.Content(TestPhotos.Png(300, 400), "image/png"))).StatusCode);
        var address = PhotoOf(await fixture.PlaylistWhenAsync(Channel, p => PhotoOf(p, listings[1]) is not null), listings[1])!;

        await fixture.RemoveAsync(id, listings[0]);
        await fixture.PlaylistWhenAsync(Channel, p => !ScreenFixture.SlideIds(p).Contains(listings[0]));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Screens.GetAsync(address)).StatusCode);

        await fixture.RemoveAsync(id, listings[1]);
        await fixture.PlaylistWhenAsync(Channel, p => !ScreenFixture.SlideIds(p).Contains(listings[1]));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Screens.GetAsync(address)).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await PhotoRowsAsync($"p:{id}") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the photo outlived the subject's last listing");
            await Task.Delay(50);
        }
        Assert.Equal("PhotoDeletedWithLastListing", await LastRecordAsync($"p:{id}"));
    }

    [Fact]
    public async Task The_court_deletes_a_photo_and_the_screens_drop_it()
    {
        var (id, listingId) = await fixture.ListAsync(ScreenFixture.RegionOf(Channel), "卫五");
        Assert.Equal(HttpStatusCode.OK, (await fixture.Court.PutAsync($"{Person(id)}/photo", TestPhotos.Content(TestPhotos.Png(300, 400), "image/png"))).StatusCode);
        await fixture.PlaylistWhenAsync(Channel, p => PhotoOf(p, listingId) is not null);

        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Court.DeleteAsync($"{Person(id)}/photo")).StatusCode);

        await fixture.PlaylistWhenAsync(Channel, p => ScreenFixture.SlideIds(p).Contains(listingId) && PhotoOf(p, listingId) is null);
        await ProblemAssert.IsProblem(await fixture.Court.DeleteAsync($"{Person(id)}/photo"), HttpStatusCode.NotFound);
        Assert.Equal("PhotoDeleted", await LastRecordAsync($"p:{id}"));
    }

    private static string? PhotoOf(System.Text.Json.JsonElement playlist, Guid listingId) => playlist.GetProperty("slides").EnumerateArray()
        .Where(s => s.GetProperty("listingId").GetGuid() == listingId)
        .Select(s => s.GetProperty("photo").GetString())
        .FirstOrDefault();

    private async Task<long> PhotoRowsAsync(string subjectKey)
    {
        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = database.CreateCommand("SELECT count(*) FROM subject_photos WHERE subject_key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = subjectKey });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string?> LastRecordAsync(string subjectKey)
    {
        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = database.CreateCommand("SELECT action FROM screen_records WHERE subject_key = $1 ORDER BY position DESC LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter { Value = subjectKey });
        return (string?)await command.ExecuteScalarAsync();
    }
}
