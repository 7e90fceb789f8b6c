using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Screens;

/// <summary>The screens' playlist API over real HTTP: access, caching, a court's removal, correction and exclusion reaching
/// the playlist, the channels' selection and their rotation.</summary>
[Collection(ScreenCollection.Name)]
public sealed class PlaylistApiTests(ScreenFixture fixture)
{
    private const string Channel = "api";

    [Fact]
    public async Task Playlist_needs_a_screen_operator_key_and_opens_only_that_operators_channels()
    {
        var anonymous = await fixture.Platform.Client().GetAsync($"/api/v1/screens/{Channel}/playlist");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        // A court's key is not a screen's.
        var court = await fixture.Court.GetAsync($"/api/v1/screens/{Channel}/playlist");
        Assert.Equal(HttpStatusCode.Unauthorized, court.StatusCode);
        var other = await fixture.Platform.Client(ScreenFixture.OtherOperatorKey).GetAsync($"/api/v1/screens/{Channel}/playlist");
        await ProblemAssert.IsProblem(other, HttpStatusCode.Forbidden, "channel");
        var unknown = await fixture.Screens.GetAsync("/api/v1/screens/no-such-line/playlist");
        await ProblemAssert.IsProblem(unknown, HttpStatusCode.NotFound, "channel");
        Assert.Equal(HttpStatusCode.OK, (await fixture.Platform.Client(ScreenFixture.OtherOperatorKey).GetAsync("/api/v1/screens/other/playlist")).StatusCode);
    }

    [Fact]
    public async Task An_unchanged_playlist_is_answered_304_and_a_change_gives_a_new_etag()
    {
        var (_, listed) = await fixture.ListAsync(ScreenFixture.RegionOf(Channel), "王五");
        // Arranged: the screens have taken this listing in, so it cannot arrive between the two requests below.
        await fixture.ScreensHoldAsync([listed]);
        await fixture.PlaylistWhenAsync(Channel, p => ScreenFixture.SlideIds(p).Count > 0);
        var first = await fixture.Screens.GetAsync($"/api/v1/screens/{Channel}/playlist");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(first.Headers.CacheControl is { Private: true, NoCache: true }, $"Cache-Control was {first.Headers.CacheControl}");

        var again = await ConditionalAsync(etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(etag, again.Headers.ETag);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());

        var (_, added) = await fixture.ListAsync(ScreenFixture.RegionOf(Channel), "赵六");
        await fixture.PlaylistWhenAsync(Channel, p => ScreenFixture.SlideIds(p).Contains(added));
        var changed = await ConditionalAsync(etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task A_removed_listing_leaves_the_playlist_as_soon_as_the_court_is_answered()
    {
        var region = ScreenFixture.RegionOf(Channel);
        var (id, removed) = await fixture.ListAsync(region, "钱七");
        var (_, kept) = await fixture.ListAsync(region, "孙八");
        await fixture.PlaylistWhenAsync(Channel, p => ScreenFixture.SlideIds(p).Contains(removed) && ScreenFixture.SlideIds(p).Contains(kept));

        await fixture.RemoveAsync(id, removed);

        var playlist = await fixture.PlaylistWhenAsync(Channel, p => !ScreenFixture.SlideIds(p).Contains(removed));
        Assert.Contains(kept, ScreenFixture.SlideIds(playlist));
    }

    [Fact]
    public async Task A_corrected_listing_changes_in_the_playlist()
    {
        var (id, listingId) = await fixture.ListAsync(ScreenFixture.RegionOf(Channel), "周九");
        await fixture.PlaylistWhenAsync(Channel, p => ScreenFixture.SlideIds(p).Contains(listingId));

        var corrected = await fixture.Court.PostAsync($"{Person(id)}/listings/{listingId}/corrections",
            new JsonObject { ["explanation"] = "姓名及金额录入错误", ["subjectName"] = "周久", ["amountOwed"] = 88_000m });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);

        var playlist = await fixture.PlaylistWhenAsync(Channel, p => Slide(p, listingId)?.GetProperty("name").GetString() == "周久");
        Assert.Equal(88_000m, Slide(playlist, listingId)!.Value.GetProperty("amountOwed").GetDecimal());
    }

    [Fact]
    public async Task A_partly_performed_debtor_is_shown_owing_only_what_is_still_unpaid()
    {
        var (id, listingId) = await fixture.ListAsync(ScreenFixture.RegionOf(Channel), "张伟改", amountOwed: 77_777.77m);

        var corrected = await fixture.Court.PostAsync($"{Person(id)}/listings/{listingId}/corrections", new JsonObject
        {
            ["explanation"] = "部分履行", ["performance"] = new JsonObject { ["status"] = "PartlyPerformed", ["amountPerformed"] = 70_000m },
        });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);

        var playlist = await fixture.PlaylistWhenAsync(Channel, p => Slide(p, listingId)?.GetProperty("amountUnpaid").GetDecimal() == 7_777.77m);
        Assert.Equal(77_777.77m, Slide(playlist, listingId)!.Value.GetProperty("amountOwed").GetDecimal());
    }

    [Fact]
    public async Task A_channels_minimum_is_measured_against_what_is_still_unpaid()
    {
        const string channel = "selective";
        var region = ScreenFixture.RegionOf(channel);
        // Both owe 60,000, over the channel's minimum of 50,000; one has paid 20,000 of it and so owes less than the minimum.
        var (paidId, paid) = await fixture.ListAsync(region, "已付", amountOwed: 60_000m);
        var (unpaidId, unpaid) = await fixture.ListAsync(region, "未付", amountOwed: 60_000m);
        var corrected = await fixture.Court.PostAsync($"{Person(paidId)}/listings/{paid}/corrections", new JsonObject
        {
            ["explanation"] = "部分履行", ["performance"] = new JsonObject { ["status"] = "PartlyPerformed", ["amountPerformed"] = 20_000m },
        });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        // Followed in order: once the second photo shows, the first has been taken in.
        foreach (var subject in new[] { Person(paidId), Person(unpaidId) })
            Assert.Equal(HttpStatusCode.OK, (await fixture.Court.PutAsync($"{subject}/photo", TestPhotos.Content(TestPhotos.Jpeg(300, 400), "image/jpeg"))).StatusCode);

        var playlist = await fixture.PlaylistWhenAsync(channel, p => ScreenFixture.SlideIds(p).Contains(unpaid));

        Assert.DoesNotContain(paid, ScreenFixture.SlideIds(playlist));
    }

    [Fact]
    public async Task The_court_keeps_its_listing_off_the_screens_and_lets_it_back()
    {
        var (id, listingId) = await fixture.ListAsync(ScreenFixture.RegionOf(Channel), "吴十");
        await fixture.PlaylistWhenAsync(Channel, p => ScreenFixture.SlideIds(p).Contains(listingId));
        var exclusion = $"{Person(id)}/listings/{listingId}/screen-exclusion";

        var noReason = await fixture.Court.PutAsync(exclusion, JsonContent(new JsonObject()));
        await ProblemAssert.IsProblem(noReason, HttpStatusCode.BadRequest, "reason");
        var yuexiu = fixture.Platform.Client("demo-yuexiu-district-court");
        var otherCourt = await yuexiu.PutAsync(exclusion, JsonContent(new JsonObject { ["reason"] = "和解履行中" }));
        await ProblemAssert.IsProblem(otherCourt, HttpStatusCode.Forbidden, "listingId");
        var unknown = await fixture.Court.PutAsync($"{Person(id)}/listings/{Guid.NewGuid()}/screen-exclusion", JsonContent(new JsonObject { ["reason"] = "和解履行中" }));
        await ProblemAssert.IsProblem(unknown, HttpStatusCode.NotFound, "listingId");

        var excluded = await fixture.Court.PutAsync(exclusion, JsonContent(new JsonObject { ["reason"] = "和解履行中" }));
        Assert.Equal(HttpStatusCode.OK, excluded.StatusCode);
        Assert.Equal("和解履行中", (await excluded.JsonAsync()).GetProperty("reason").GetString());
        await fixture.PlaylistWhenAsync(Channel, p => !ScreenFixture.SlideIds(p).Contains(listingId));
        // Still published to the public: only the screens leave it out.
        Assert.Equal(HttpStatusCode.OK, (await fixture.Platform.Client().GetAsync($"/api/v1/public/listings/{listingId}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Court.DeleteAsync(exclusion)).StatusCode);
        await fixture.PlaylistWhenAsync(Channel, p => ScreenFixture.SlideIds(p).Contains(listingId));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Court.DeleteAsync(exclusion)).StatusCode);
    }

    [Fact]
    public async Task A_channel_shows_only_what_its_selection_admits()
    {
        const string channel = "selective";
        var region = ScreenFixture.RegionOf(channel);
        // Each of these breaks one rule: a debt under the minimum, no photo, an entity. Every other rule they meet.
        var (smallId, small) = await fixture.ListAsync(region, "小额", amountOwed: 49_999m);
        var (_, withoutPhoto) = await fixture.ListAsync(region, "无照", amountOwed: 60_000m);
        var (withPhotoId, withPhoto) = await fixture.ListAsync(region, "有照", amountOwed: 60_000m);
        var entityCode = Identities.CreditCodeIn(region);
        var entityBody = EntityListing(CaseNumber(), Identities.AdultResidentId());
        entityBody["amountOwed"] = 60_000m;
        var entity = await fixture.Court.PostAsync($"{Entity(entityCode)}/listings", entityBody);
        Assert.Equal(HttpStatusCode.Created, entity.StatusCode);
        var entityListing = (await entity.JsonAsync()).GetProperty("id").GetGuid();
        // Followed in order: once the last shows, the others have been taken in.
        foreach (var subject in new[] { Person(smallId), Entity(entityCode), Person(withPhotoId) })
            Assert.Equal(HttpStatusCode.OK, (await fixture.Court.PutAsync($"{subject}/photo", TestPhotos.Content(TestPhotos.Jpeg(300, 400), "image/jpeg"))).StatusCode);

        var playlist = await fixture.PlaylistWhenAsync(channel, p => ScreenFixture.SlideIds(p).Contains(withPhoto));

        var shown = ScreenFixture.SlideIds(playlist);
        Assert.DoesNotContain(small, shown);
        Assert.DoesNotContain(withoutPhoto, shown);
        Assert.DoesNotContain(entityListing, shown);
    }

    [Fact]
    public async Task Each_period_starts_where_the_last_ended_so_every_listing_gets_its_turn_and_a_restart_keeps_the_rotation()
    {
        const string channel = "rotation";
        var listed = new List<Guid>();
        for (var i = 0; i < 7; i++)
            listed.Add((await fixture.ListAsync(ScreenFixture.RegionOf(channel), $"轮{i}")).ListingId);
        // Arranged: the screens have taken in all seven before the first period is shown (a late one would wait for the next turn).
        await fixture.ScreensHoldAsync(listed);

        // Held still: a period is a minute, and on a loaded machine the restart below can take longer than that.
        fixture.Clock.Hold();
        try
        {
            var shown = new List<Guid>();
            for (var period = 0; period < 3; period++)
            {
                var playlist = await fixture.PlaylistAsync(channel);
                Assert.Equal(3, ScreenFixture.SlideIds(playlist).Count);
                shown.AddRange(ScreenFixture.SlideIds(playlist));
                fixture.Clock.MoveTo(fixture.Clock.GetUtcNow().AddMinutes(1));
            }

            // Seven listings, three a period: the first seven slides are all seven, none twice.
            Assert.Equal(listed.Order(), shown.Take(7).Order());
            var current = ScreenFixture.SlideIds(await fixture.PlaylistAsync(channel));
            await fixture.RestartAsync();
            var afterRestart = ScreenFixture.SlideIds(await fixture.PlaylistWhenAsync(channel, p => ScreenFixture.SlideIds(p).Count == 3));
            Assert.Equal(current, afterRestart);
        }
        finally
        {
            fixture.Clock.Release();
        }
    }

    private Task<HttpResponseMessage> ConditionalAsync(EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/screens/{Channel}/playlist");
        request.Headers.IfNoneMatch.Add(etag);
        return fixture.Screens.SendAsync(request);
    }

    private static System.Text.Json.JsonElement? Slide(System.Text.Json.JsonElement playlist, Guid listingId) =>
        playlist.GetProperty("slides").EnumerateArray().Where(s => s.GetProperty("listingId").GetGuid() == listingId).Cast<System.Text.Json.JsonElement?>().FirstOrDefault();

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
