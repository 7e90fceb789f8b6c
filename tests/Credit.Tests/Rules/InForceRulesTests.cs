using Credit.Grains.Interfaces.Agencies;
using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Subjects;
using Credit.ReadModels.Interceptions;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>"In force on day D" (<see cref="HoldPeriod"/>): a hold binds from its first day through its last, in China
/// time; and the subject records the day a ban decided ahead begins, as it records the day one ends.</summary>
public sealed class InForceRulesTests
{
    private static readonly DateOnly Day = new(2026, 12, 2);

    public static TheoryData<string, int, int?, bool> Periods() => new()
    {
        // name, first day and last day relative to Day (null: no last day), in force on Day?
        { "started earlier, no last day", -30, null, true },
        { "starts today, no last day", 0, null, true },
        { "starts tomorrow, no last day", 1, null, false },
        { "started and ended earlier", -30, -1, false },
        { "started earlier, ends today", -30, 0, true },
        { "started earlier, ends later", -30, 30, true },
        { "starts and ends today", 0, 0, true },
        { "starts today, ends later", 0, 30, true },
        { "starts and ends later", 1, 30, false },
    };

    [Theory]
    [MemberData(nameof(Periods))]
    public void A_hold_is_in_force_from_its_first_through_its_last_day(string period, int first, int? last, bool inForce)
    {
        var since = Day.AddDays(first);
        DateOnly? until = last is { } l ? Day.AddDays(l) : null;

        Assert.True(inForce == HoldPeriod.InForceOn(since, until, Day), period);
        Assert.Equal(inForce, new InterceptionHold(InterceptionTriggers.ExitBan, Guid.NewGuid(), "粤0103", "(2026)粤0103执1号", since, until, null, null, null).InForceOn(Day));
    }

    [Fact]
    public void An_exit_ban_decided_ahead_takes_effect_on_its_first_day_and_the_day_is_recorded()
    {
        var clock = ClockOn(Today);
        var subject = SubjectOf(Person(), clock);
        var start = Today.AddDays(10);
        var id = Accepted(subject.ImposeExitBan(ExitBanRequest(start: start, end: start.AddMonths(3)), By(Liwan)));

        Assert.False(subject.ApplyTime());
        Assert.Equal(start, subject.NextTimeChange());

        // 23:59 the day before, in Beijing: not yet.
        clock.SetUtcNow(ChinaInstant(start.AddDays(-1), new TimeOnly(23, 59)));
        Assert.False(subject.ApplyTime());

        clock.SetUtcNow(ChinaInstant(start, TimeOnly.MinValue));
        Assert.True(subject.ApplyTime());
        var record = subject.State.History[^1];
        Assert.Equal((ChangeKind.ExitBanTookEffect, id, Liwan, Subject.TimeActor), (record.Kind, record.ItemId, record.Court, record.Actor));
        Assert.Equal(ExitBanStatus.Active, subject.State.ExitBans[0].Status);

        Assert.False(subject.ApplyTime()); // recorded once
        Assert.Equal(start.AddMonths(3).AddDays(1), subject.NextTimeChange()); // next: the day after its last day
    }

    [Fact]
    public void An_exit_ban_that_starts_on_the_day_it_is_imposed_needs_no_record_of_its_start()
    {
        var clock = ClockOn(Today);
        var subject = SubjectOf(Person(), clock);
        Accepted(subject.ImposeExitBan(ExitBanRequest(start: Today, end: Today.AddMonths(3)), By(Liwan)));

        clock.SetUtcNow(ChinaInstant(Today.AddDays(1), new TimeOnly(9, 0)));

        Assert.False(subject.ApplyTime());
        Assert.DoesNotContain(subject.State.History, h => h.Kind == ChangeKind.ExitBanTookEffect);
    }

    [Fact]
    public void A_ban_lifted_before_its_first_day_never_takes_effect()
    {
        var clock = ClockOn(Today);
        var subject = SubjectOf(Person(), clock);
        var start = Today.AddDays(5);
        var id = Accepted(subject.ImposeExitBan(ExitBanRequest(start: start, end: start.AddMonths(3)), By(Liwan)));
        Accepted(subject.LiftExitBan(new LiftExitBan(id, ExitBanLiftReason.Guarantee, "提供担保"), By(Liwan)));

        clock.SetUtcNow(ChinaInstant(start, new TimeOnly(9, 0)));

        Assert.False(subject.ApplyTime());
        Assert.Null(subject.NextTimeChange());
    }

    [Fact]
    public void The_grain_wakes_on_the_earlier_of_a_first_day_and_the_day_after_a_last_day()
    {
        var subject = SubjectOf(Person(), ClockOn(Today));
        Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.FailsToReportProperty)]), By(Liwan)));
        var termEnd = subject.State.Listings[0].PeriodEnd!.Value;
        Assert.Equal(termEnd.AddDays(1), subject.NextTimeChange());

        Accepted(subject.ImposeExitBan(ExitBanRequest(caseNumber: OtherLiwanCase, start: Today.AddDays(3), end: Today.AddMonths(2)), By(Liwan)));
        Assert.Equal(Today.AddDays(3), subject.NextTimeChange());
    }
}
