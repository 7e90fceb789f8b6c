using Credit.Grains.Interfaces.Identifiers;
using Credit.ReadModels.Screens;

namespace Credit.Tests.Screens;

/// <summary>The rotation of a channel's listings (<see cref="ScreenRing"/>) and its selection rules, without a platform.</summary>
public sealed class ScreenRingTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly ScreenSelection Everyone = new([], [], 0, PersonsOnly: false, PhotoRequired: false);

    [Fact]
    public void Every_listing_is_shown_once_before_any_is_shown_twice()
    {
        var ring = new ScreenRing("line-1", Everyone);
        var listings = Enumerable.Range(0, 23).Select(_ => Listing()).ToList();
        foreach (var listing in listings)
            ring.Apply(listing.ListingId, listing);

        var shown = Periods(ring, start: 0, size: 5, periods: 10);

        // 23 listings, 5 a period: the first 23 slides are 23 different listings, and so are the next 23.
        var sequence = shown.SelectMany(p => p).ToList();
        Assert.Equal(23, sequence.Take(23).Distinct().Count());
        Assert.Equal(23, sequence.Skip(23).Take(23).Distinct().Count());
        Assert.All(shown.Take(4), period => Assert.Equal(5, period.Count));
    }

    [Fact]
    public void The_playlist_of_a_period_is_the_same_whatever_order_the_listings_arrived_in()
    {
        var listings = Enumerable.Range(0, 40).Select(_ => Listing()).ToList();
        var one = new ScreenRing("line-2", Everyone);
        var other = new ScreenRing("line-2", Everyone);
        foreach (var listing in listings)
            one.Apply(listing.ListingId, listing);
        foreach (var listing in Enumerable.Reverse(listings))
            other.Apply(listing.ListingId, listing);

        Assert.Equal(Periods(one, 12345, 7, 6), Periods(other, 12345, 7, 6));
        // Another channel has an order of its own.
        var line3 = new ScreenRing("line-3", Everyone);
        foreach (var listing in listings)
            line3.Apply(listing.ListingId, listing);
        Assert.NotEqual(Periods(one, 0, 7, 1)[0], Periods(line3, 0, 7, 1)[0]);
    }

    [Fact]
    public void A_listing_that_arrives_mid_turn_is_shown_within_one_turn_and_the_others_keep_their_turn()
    {
        var ring = new ScreenRing("line-4", Everyone);
        var listings = Enumerable.Range(0, 30).Select(_ => Listing()).ToList();
        foreach (var listing in listings)
            ring.Apply(listing.ListingId, listing);
        ulong start = 0;
        var seen = new List<Guid>();
        for (var period = 0; period < 3; period++)
        {
            seen.AddRange(ring.Take(start, 4, Today).Select(p => p.Listing.ListingId));
            start = ring.NextStart(start, 4, Today);
        }
        var late = Listing();
        ring.Apply(late.ListingId, late);
        var rest = new List<Guid>();
        // Enough periods to go once round the ring of 31 (wherever the newcomer's point falls), and a little more.
        var periodsForOneTurn = (listings.Count + 1 + 3) / 4;
        for (var period = 0; period < periodsForOneTurn + 1; period++)
        {
            rest.AddRange(ring.Take(start, 4, Today).Select(p => p.Listing.ListingId));
            start = ring.NextStart(start, 4, Today);
        }

        // The newcomer is shown within one turn of the ring after it arrived, and between two showings of any listing every
        // listing that was there all along is shown.
        var sequence = seen.Concat(rest).ToList();
        Assert.Contains(late.ListingId, sequence.Skip(seen.Count).Take(listings.Count + 1));
        foreach (var id in sequence.Distinct())
        {
            var first = sequence.IndexOf(id);
            var second = sequence.IndexOf(id, first + 1);
            if (second < 0)
                continue;
            var between = sequence.Skip(first).Take(second - first).ToHashSet();
            Assert.All(listings, listing => Assert.Contains(listing.ListingId, between));
        }
    }

    [Fact]
    public void A_removed_listing_leaves_the_current_playlist_at_once_and_the_next_one_takes_its_place()
    {
        var ring = new ScreenRing("line-5", Everyone);
        var listings = Enumerable.Range(0, 10).Select(_ => Listing()).ToList();
        foreach (var listing in listings)
            ring.Apply(listing.ListingId, listing);
        var before = ring.Take(0, 3, Today).Select(p => p.Listing.ListingId).ToList();
        var revision = ring.Revision;

        ring.Apply(before[1], null);

        var after = ring.Take(0, 3, Today).Select(p => p.Listing.ListingId).ToList();
        Assert.DoesNotContain(before[1], after);
        Assert.Equal(3, after.Count);
        Assert.Equal([before[0], before[2]], after.Take(2));
        Assert.True(ring.Revision > revision);
    }

    [Fact]
    public void A_correction_changes_the_slide_in_place()
    {
        var ring = new ScreenRing("line-6", Everyone);
        var listing = Listing();
        ring.Apply(listing.ListingId, listing);
        ring.Apply(listing.ListingId, listing with { Name = "李四", AmountOwed = 1m });

        var slide = Assert.Single(ring.Take(0, 5, Today)).Listing;
        Assert.Equal("李四", slide.Name);
        Assert.Equal(1m, slide.AmountOwed);
    }

    [Fact]
    public void Listings_not_in_force_today_are_passed_over()
    {
        var ring = new ScreenRing("line-7", Everyone);
        var future = Listing() with { PublicationDate = Today.AddDays(1) };
        var ended = Listing() with { PeriodEnd = Today.AddDays(-1) };
        var current = Listing();
        foreach (var listing in new[] { future, ended, current })
            ring.Apply(listing.ListingId, listing);

        Assert.Equal([current.ListingId], ring.Take(0, 5, Today).Select(p => p.Listing.ListingId));
    }

    [Fact]
    public void Selection_takes_minimum_amount_persons_photo_courts_regions_and_exclusion()
    {
        var rule = new ScreenSelection(["440103"], ["粤01"], 10_000m, PersonsOnly: true, PhotoRequired: true);
        var admitted = Listing() with { PhotoId = "p", AmountOwed = 10_000m, AmountUnpaid = 10_000m };
        Assert.True(rule.Admits(admitted));
        Assert.False(rule.Admits(admitted with { AmountUnpaid = 9_999.99m }));
        // The minimum is measured against what is still unpaid, not the whole obligation.
        Assert.False(rule.Admits(admitted with { AmountOwed = 77_777.77m, AmountUnpaid = 7_777.77m }));
        Assert.False(rule.Admits(admitted with { IsEntity = true }));
        Assert.False(rule.Admits(admitted with { PhotoId = null }));
        Assert.False(rule.Admits(admitted with { CourtCode = "粤02" }));
        Assert.False(rule.Admits(admitted with { Region = "440105" }));
        Assert.False(rule.Admits(admitted with { Excluded = true }));
        // A document that names no district (a passport) or only the whole city: the listing's court decides.
        Assert.True(rule.Admits(admitted with { Region = null }));
        Assert.True(rule.Admits(admitted with { Region = "440101" }));
        Assert.False(rule.Admits(admitted with { Region = null, CourtCode = "粤0105" }));
    }

    private static List<List<Guid>> Periods(ScreenRing ring, ulong start, int size, int periods)
    {
        var shown = new List<List<Guid>>();
        for (var i = 0; i < periods; i++)
        {
            shown.Add([.. ring.Take(start, size, Today).Select(p => p.Listing.ListingId)]);
            start = ring.NextStart(start, size, Today);
        }
        return shown;
    }

    private static ScreenListing Listing() => new(
        Guid.NewGuid(), $"p:{Guid.NewGuid():N}", IsEntity: false, DocumentType.ResidentId, "张三", "4401031980****1234", "440103", "粤0103", "广州市荔湾区人民法院",
        "(2026)粤0103执1号", 100_000m, 100_000m, Today.AddDays(-10), PeriodEnd: null, PhotoId: null, Excluded: false);
}
