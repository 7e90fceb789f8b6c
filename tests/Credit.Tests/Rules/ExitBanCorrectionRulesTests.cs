using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Subjects;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>List rules Art. 9: what was recorded wrongly of an exit ban is corrected, under the rules the ban was made under; a
/// correction never holds the subject longer than decided, nor moves the ban to another court or case.</summary>
public sealed class ExitBanCorrectionRulesTests
{
    private static readonly DateOnly DecidedOn = Today.AddDays(-10);

    private static (Subject Subject, Guid Ban) Imposed(DateOnly? start = null, DateOnly? end = null, DateOnly? decided = null, FakeClock? clock = null)
    {
        var subject = SubjectOf(Person(), clock?.Provider);
        var from = start ?? Today;
        var id = Accepted(subject.ImposeExitBan(ExitBanRequest(start: from, end: end ?? from.AddMonths(6)) with { DecisionDate = decided ?? DecidedOn }, By(Liwan)));
        return (subject, id);
    }

    /// <summary>A test clock that can be moved to a later China day.</summary>
    private sealed record FakeClock(Microsoft.Extensions.Time.Testing.FakeTimeProvider Provider)
    {
        public void MoveTo(DateOnly day) => Provider.SetUtcNow(ChinaInstant(day, new TimeOnly(10, 0)));
    }

    [Fact]
    public void A_mistyped_decision_date_and_number_are_corrected_and_the_history_says_so_Art9()
    {
        var (subject, id) = Imposed();
        var before = subject.State.ExitBans[0];

        Assert.Equal(id, Accepted(subject.CorrectExitBan(new CorrectExitBan(id, " 决定日期录入错误 ", " (2025)粤0103执100号之五 ", Today.AddDays(-3)), By(Liwan))));

        var ban = Assert.Single(subject.State.ExitBans);
        Assert.Equal(("(2025)粤0103执100号之五", (DateOnly?)Today.AddDays(-3)), (ban.DecisionNumber, ban.DecisionDate));
        Assert.Equal(before with { DecisionNumber = ban.DecisionNumber, DecisionDate = ban.DecisionDate }, ban);
        var record = subject.State.History[^1];
        Assert.Equal((ChangeKind.ExitBanCorrected, id), (record.Kind, record.ItemId));
        Assert.Equal(
            [new FieldChange("decisionNumber", "(2025)粤0103执100号之一", "(2025)粤0103执100号之五"), new FieldChange("decisionDate", "2025-06-06", "2025-06-13")],
            record.Fields);
        Assert.EndsWith(": 决定日期录入错误", record.Reason);
    }

    [Theory]
    [InlineData(1)] // in the future
    [InlineData(-200)] // 2024-11-28: before the case number's year 2025
    [InlineData(-4)] // after the ban's start
    public void A_corrected_decision_date_keeps_the_rule_of_the_decision_that_imposed_the_ban_Art5(int daysFromToday)
    {
        var (subject, id) = Imposed(start: Today.AddDays(-5), decided: Today.AddDays(-6));
        var history = subject.State.History.Count;

        Refused(subject.CorrectExitBan(new CorrectExitBan(id, "更正", DecisionDate: Today.AddDays(daysFromToday)), By(Liwan)), RefusalKind.Invalid, "decisionDate");

        Assert.Equal(Today.AddDays(-6), subject.State.ExitBans[0].DecisionDate);
        Assert.Equal(history, subject.State.History.Count);
    }

    [Fact]
    public void A_renewal_decisions_date_is_corrected_within_the_days_a_renewal_is_decided_in()
    {
        var clock = new FakeClock(ClockOn(Today));
        var (subject, id) = Imposed(start: Today.AddDays(-60), end: Today.AddDays(10), decided: Today.AddDays(-61), clock: clock);
        Accepted(subject.RenewExitBan(new RenewExitBan(id, Today.AddMonths(6), "(2025)粤0103执100号之二", "仍未履行", Today), By(Liwan)));
        clock.MoveTo(Today.AddDays(20));
        CorrectExitBan Dated(int daysFromToday) => new(id, "续限决定日期录入错误", DecisionDate: Today.AddDays(daysFromToday));

        // Decided while the ban was in force (from its start), and before the end it extended (Today + 10).
        Refused(subject.CorrectExitBan(Dated(-61), By(Liwan)), RefusalKind.Invalid, "decisionDate");
        Refused(subject.CorrectExitBan(Dated(11), By(Liwan)), RefusalKind.Invalid, "decisionDate");
        Accepted(subject.CorrectExitBan(Dated(10), By(Liwan)));
        Accepted(subject.CorrectExitBan(Dated(-60), By(Liwan)));

        var ban = subject.State.ExitBans[0];
        Assert.Equal((Today.AddDays(-60), "(2025)粤0103执100号之二", 1), (ban.DecisionDate!.Value, ban.DecisionNumber, ban.Renewals));
        Assert.Contains("the renewal decision", subject.State.History[^1].Reason);
    }

    [Fact]
    public void A_second_renewals_date_keeps_to_the_period_it_was_decided_in_not_the_bans_first()
    {
        var clock = new FakeClock(ClockOn(Today));
        var (subject, id) = Imposed(start: Today.AddDays(-30), end: Today.AddDays(5), decided: Today.AddDays(-31), clock: clock);
        Accepted(subject.RenewExitBan(new RenewExitBan(id, Today.AddDays(60), "(2025)粤0103执100号之二", "仍未履行", Today), By(Liwan)));
        clock.MoveTo(Today.AddDays(10));
        Accepted(subject.RenewExitBan(new RenewExitBan(id, Today.AddDays(120), "(2025)粤0103执100号之三", "仍未履行", Today.AddDays(10)), By(Liwan)));

        // The second renewal was decided in the period from Today + 6 through Today + 60.
        Refused(subject.CorrectExitBan(new CorrectExitBan(id, "更正", DecisionDate: Today.AddDays(5)), By(Liwan)), RefusalKind.Invalid, "decisionDate");
        Accepted(subject.CorrectExitBan(new CorrectExitBan(id, "更正", DecisionDate: Today.AddDays(6)), By(Liwan)));
    }

    [Fact]
    public void An_end_recorded_too_late_is_moved_earlier_but_a_correction_never_holds_the_subject_longer()
    {
        var (subject, id) = Imposed(start: Today, end: Today.AddMonths(6));
        CorrectExitBan Ending(DateOnly end) => new(id, "结束日期录入错误", EndDate: end);

        var later = subject.CorrectExitBan(Ending(Today.AddMonths(6).AddDays(1)), By(Liwan));
        Refused(later, RefusalKind.Invalid, "endDate");
        Assert.Contains("renewal", later.Refusal!.Rule);
        Refused(subject.CorrectExitBan(Ending(Today), By(Liwan)), RefusalKind.Invalid, "endDate"); // not after the start
        Accepted(subject.CorrectExitBan(Ending(Today.AddMonths(3)), By(Liwan)));

        Assert.Equal((Today.AddMonths(3), ExitBanStatus.Active, 0), (subject.State.ExitBans[0].EndDate, subject.State.ExitBans[0].Status, subject.State.ExitBans[0].Renewals));
        Assert.Equal(new FieldChange("endDate", "2025-12-16", "2025-09-16"), Assert.Single(subject.State.History[^1].Fields));
    }

    [Fact]
    public void A_corrected_end_is_not_in_the_past_and_a_renewed_end_stays_after_the_end_it_extended()
    {
        var (started, earlier) = Imposed(start: Today.AddDays(-30), end: Today.AddDays(30), decided: Today.AddDays(-31));
        Refused(started.CorrectExitBan(new CorrectExitBan(earlier, "更正", EndDate: Today.AddDays(-1)), By(Liwan)), RefusalKind.Invalid, "endDate");
        Accepted(started.CorrectExitBan(new CorrectExitBan(earlier, "更正", EndDate: Today), By(Liwan)));

        var (renewed, id) = Imposed(start: Today, end: Today.AddMonths(2), decided: Today);
        Accepted(renewed.RenewExitBan(new RenewExitBan(id, Today.AddMonths(8), "(2025)粤0103执100号之二", "仍未履行", Today), By(Liwan)));
        Refused(renewed.CorrectExitBan(new CorrectExitBan(id, "更正", EndDate: Today.AddMonths(2)), By(Liwan)), RefusalKind.Invalid, "endDate");
        Accepted(renewed.CorrectExitBan(new CorrectExitBan(id, "更正", EndDate: Today.AddMonths(2).AddDays(1)), By(Liwan)));
    }

    [Fact]
    public void Only_the_court_of_the_ban_corrects_a_ban_in_force_and_the_correction_must_change_something()
    {
        var (subject, id) = Imposed();

        Refused(subject.CorrectExitBan(new CorrectExitBan(id, "更正", "(2025)粤0104执1号"), By(Yuexiu)), RefusalKind.Forbidden, "exitBanId");
        Refused(subject.CorrectExitBan(new CorrectExitBan(Guid.NewGuid(), "更正", "(2025)粤0103执1号"), By(Liwan)), RefusalKind.NotFound, "exitBanId");
        Refused(subject.CorrectExitBan(new CorrectExitBan(id, " ", "(2025)粤0103执1号"), By(Liwan)), RefusalKind.Invalid, "explanation");
        Refused(subject.CorrectExitBan(new CorrectExitBan(id, "更正", " "), By(Liwan)), RefusalKind.Invalid, "decisionNumber");
        Refused(subject.CorrectExitBan(new CorrectExitBan(id, "更正"), By(Liwan)), RefusalKind.Invalid, "explanation");
        Refused(subject.CorrectExitBan(new CorrectExitBan(id, "更正", "(2025)粤0103执100号之一", DecidedOn), By(Liwan)), RefusalKind.Invalid, "explanation");
        Assert.Equal(ChangeKind.ExitBanImposed, Assert.Single(subject.State.History).Kind);

        Accepted(subject.LiftExitBan(new LiftExitBan(id, ExitBanLiftReason.Guarantee, "已提供担保"), By(Liwan)));
        Refused(subject.CorrectExitBan(new CorrectExitBan(id, "更正", "(2025)粤0103执1号"), By(Liwan)), RefusalKind.Conflict, "exitBanId");
    }
}
