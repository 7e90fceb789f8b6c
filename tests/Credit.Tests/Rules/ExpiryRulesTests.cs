using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Subjects;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>What time ends by itself: fixed-term listings (Arts. 2 and 10(7)) and unrenewed exit bans.</summary>
public sealed class ExpiryRulesTests
{
    private static readonly DateOnly TermEnd = new(2027, 3, 1); // two years from PublicationDate

    [Fact]
    public void Expired_fixed_term_listing_becomes_expired()
    {
        var clock = ClockOn(Today);
        var subject = SubjectOf(Person(), clock);
        var id = Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.FailsToReportProperty)]), By(Liwan)));

        clock.SetUtcNow(ChinaInstant(TermEnd.AddDays(1), new TimeOnly(8, 0)));
        Assert.True(subject.ExpireDue());

        var listing = subject.State.Listings[0];
        Assert.Equal((ListingStatus.Expired, RemovalReason.TermExpired), (listing.Status, listing.End!.Reason));
        Assert.Equal(clock.GetUtcNow(), listing.End.At);
        var record = subject.State.History[^1];
        Assert.Equal((ChangeKind.ListingExpired, id, Liwan, Subject.TimeActor), (record.Kind, record.ItemId, record.Court, record.Actor));
        Assert.False(subject.ExpireDue()); // nothing more to end
    }

    [Fact]
    public void Fixed_term_listing_is_in_force_through_its_last_day_in_China_Art2()
    {
        var clock = ClockOn(Today);
        var subject = SubjectOf(Person(), clock);
        Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.FailsToReportProperty)]), By(Liwan)));

        // 23:59 on the last day in Beijing, which is already the next day nowhere that matters.
        clock.SetUtcNow(ChinaInstant(TermEnd, new TimeOnly(23, 59)));
        Assert.False(subject.ExpireDue());
        Assert.Equal(ListingStatus.Active, subject.State.Listings[0].Status);

        // 00:00 the next day in Beijing is still 16:00 of the last day in UTC.
        clock.SetUtcNow(ChinaInstant(TermEnd.AddDays(1), TimeOnly.MinValue));
        Assert.True(subject.ExpireDue());
        Assert.Equal(ListingStatus.Expired, subject.State.Listings[0].Status);
    }

    [Fact]
    public void Extended_listing_expires_at_its_extended_end_Art2()
    {
        var clock = ClockOn(Today);
        var subject = SubjectOf(Person(), clock);
        var id = Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.ObstructsEnforcement)]), By(Liwan)));
        Accepted(subject.ExtendListing(new ExtendListing(id, 1, "多次失信", ExtensionCondition.SeveralDishonestActs), By(Liwan)));

        clock.SetUtcNow(ChinaInstant(TermEnd.AddDays(1), new TimeOnly(9, 0)));
        Assert.False(subject.ExpireDue());
        clock.SetUtcNow(ChinaInstant(TermEnd.AddYears(1).AddDays(1), new TimeOnly(9, 0)));
        Assert.True(subject.ExpireDue());
        Assert.Equal(ListingStatus.Expired, subject.State.Listings[0].Status);
    }

    [Fact]
    public void Ground1_listing_never_expires_Art2()
    {
        var clock = ClockOn(Today);
        var subject = SubjectOf(Person(), clock);
        Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));

        clock.Advance(TimeSpan.FromDays(3653));

        Assert.False(subject.ExpireDue());
        Assert.Equal(ListingStatus.Active, subject.State.Listings[0].Status);
        Assert.Null(subject.NextExpiry());
    }

    [Fact]
    public void Removed_listing_does_not_expire_again()
    {
        var clock = ClockOn(Today);
        var subject = SubjectOf(Person(), clock);
        var id = Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.FailsToReportProperty)]), By(Liwan)));
        Accepted(subject.RemoveListing(new RemoveListing(id, RemovalReason.FullPerformance, "已全部履行", false), By(Liwan)));

        clock.SetUtcNow(ChinaInstant(TermEnd.AddDays(1), new TimeOnly(9, 0)));

        Assert.False(subject.ExpireDue());
        Assert.Equal((ListingStatus.Removed, RemovalReason.FullPerformance), (subject.State.Listings[0].Status, subject.State.Listings[0].End!.Reason));
    }

    [Fact]
    public void Unrenewed_exit_ban_lapses_after_its_end_date()
    {
        var clock = ClockOn(Today);
        var subject = SubjectOf(Person(), clock);
        var end = Today.AddMonths(3);
        var id = Accepted(subject.ImposeExitBan(ExitBanRequest(start: Today, end: end), By(Liwan)));

        clock.SetUtcNow(ChinaInstant(end, new TimeOnly(23, 0)));
        Assert.False(subject.ExpireDue());
        clock.SetUtcNow(ChinaInstant(end.AddDays(1), new TimeOnly(0, 30)));
        Assert.True(subject.ExpireDue());

        Assert.Equal(ExitBanStatus.Lapsed, subject.State.ExitBans[0].Status);
        var record = subject.State.History[^1];
        Assert.Equal((ChangeKind.ExitBanLapsed, id, Subject.TimeActor), (record.Kind, record.ItemId, record.Actor));
    }

    [Fact]
    public void Next_expiry_is_the_earliest_end_still_running()
    {
        var subject = SubjectOf(Person());
        Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.FailsToReportProperty)]), By(Liwan)));
        Assert.Equal(TermEnd, subject.NextExpiry());

        var ban = Accepted(subject.ImposeExitBan(ExitBanRequest(OtherLiwanCase, start: Today, end: Today.AddMonths(6)), By(Liwan)));
        Assert.Equal(Today.AddMonths(6), subject.NextExpiry());

        Accepted(subject.LiftExitBan(new LiftExitBan(ban, ExitBanLiftReason.Guarantee, "已提供担保"), By(Liwan)));
        Assert.Equal(TermEnd, subject.NextExpiry());
    }
}
