using Credit.Client;

namespace Credit.Tests.Screens;

/// <summary>The generated client (clients/Credit.Client) covers the screens: a court stores a photo and keeps a listing off
/// the screens, an operator reads its playlist and the photo.</summary>
[Collection(ScreenCollection.Name)]
public sealed class ScreenClientTests(ScreenFixture fixture)
{
    [Fact]
    public async Task A_court_and_a_screen_operator_use_the_screens_through_the_generated_client()
    {
        var (id, listingId) = await fixture.ListAsync(ScreenFixture.RegionOf("photos"), "客户端");
        var court = new CreditClient(fixture.Court);
        var screens = new CreditClient(fixture.Screens);

        using var image = new MemoryStream(TestPhotos.Webp(300, 400));
        var photo = await court.PutSubjectPhotoAsync("resident-id", id, new FileParameter(image, "photo.webp", "image/webp"));
        Assert.Equal("image/jpeg", photo.MediaType);
        await fixture.ScreensHoldAsync([listingId]);

        // The photo reaches the screens through their follower as the listing does, each when the follower next reads.
        var slide = await SlideAsync(screens, listingId);
        var waitForPhoto = DateTime.UtcNow.AddSeconds(10);
        while (slide?.Photo is null && DateTime.UtcNow < waitForPhoto)
        {
            await Task.Delay(50);
            slide = await SlideAsync(screens, listingId);
        }
        Assert.Equal("客户端", slide!.Name);
        Assert.EndsWith(photo.PhotoId, slide.Photo, StringComparison.Ordinal);
        using var served = await screens.GetScreenPhotoAsync("photos", photo.PhotoId, null);
        Assert.Equal(200, served.StatusCode);

        var exclusion = await court.ExcludeListingFromScreensAsync("resident-id", id, listingId, new ScreenExclusionRequest { Reason = "正在履行和解协议" });
        Assert.Equal(listingId, exclusion.ListingId);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await SlideAsync(screens, listingId) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the excluded listing stayed on the playlist");
            await Task.Delay(50);
        }
    }

    private static async Task<PlaylistSlide?> SlideAsync(CreditClient screens, Guid listingId) =>
        (await screens.GetScreenPlaylistAsync("photos", null)).Slides.FirstOrDefault(s => s.ListingId == listingId);
}
