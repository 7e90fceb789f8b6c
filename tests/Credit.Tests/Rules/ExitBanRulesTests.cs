using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Subjects;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>Exit bans: Civil Procedure Law Art. 266, SPC enforcement interpretation Arts. 23–25, Exit and
/// Entry Administration Law Arts. 12, 28, 65. Border inspection needs explicit start and end dates.</summary>
public sealed class ExitBanRulesTests
{
    [Fact]
    public void Exit_ban_with_start_and_end_date_is_imposed()
    {
        var subject = SubjectOf(Person());

        var id = Accepted(subject.ImposeExitBan(ExitBanRequest(start: Today, end: Today.AddMonths(3), decisionNumber: " (2025)粤0103执100号之一 "), By(Liwan)));

        var ban = Assert.Single(subject.State.ExitBans);
        Assert.Equal((id, ExitBanStatus.Active, Liwan, LiwanCase), (ban.Id, ban.Status, ban.Court, ban.CaseNumber));
        Assert.Equal((Today, new DateOnly(2025, 9, 16), "(2025)粤0103执100号之一", 0), (ban.StartDate, ban.EndDate, ban.DecisionNumber, ban.Renewals));
        Assert.Equal(ChangeKind.ExitBanImposed, Assert.Single(subject.State.History).Kind);
    }

    [Fact]
    public void Exit_ban_on_entity_is_refused()
    {
        var subject = SubjectOf(Company());

        var decision = subject.ImposeExitBan(ExitBanRequest() with { Subject = Named(CompanyName) }, By(Liwan));

        Refused(decision, RefusalKind.Invalid, "subject.number");
        Assert.Empty(subject.State.ExitBans);
    }

    [Theory]
    [InlineData(0, 0)] // ends when it starts
    [InlineData(0, -1)] // ends before it starts
    [InlineData(-40, -1)] // ended yesterday
    [InlineData(0, 367)] // longer than 12 months
    [InlineData(-10, 360)] // 12 months from the start, plus some days
    public void Exit_ban_without_valid_end_or_longer_than_maximum_is_refused(int startFromToday, int endFromToday)
    {
        var subject = SubjectOf(Person());

        var decision = subject.ImposeExitBan(ExitBanRequest(start: Today.AddDays(startFromToday), end: Today.AddDays(endFromToday)), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "endDate");
    }

    [Fact]
    public void Exit_ban_of_exactly_the_maximum_and_ending_today_are_accepted()
    {
        Accepted(SubjectOf(Person()).ImposeExitBan(ExitBanRequest(start: Today, end: Today.AddMonths(12)), By(Liwan)));
        Accepted(SubjectOf(Person()).ImposeExitBan(ExitBanRequest(start: Today.AddMonths(-1), end: Today), By(Liwan)));
    }

    [Fact]
    public void Configured_maximum_of_six_months_is_applied()
    {
        var rules = new SubjectRules { ExitBanMaximumMonths = 6 };

        Refused(SubjectOf(Person(), rules: rules).ImposeExitBan(ExitBanRequest(start: Today, end: Today.AddMonths(6).AddDays(1)), By(Liwan)), RefusalKind.Invalid, "endDate");
        Accepted(SubjectOf(Person(), rules: rules).ImposeExitBan(ExitBanRequest(start: Today, end: Today.AddMonths(6)), By(Liwan)));
    }

    [Fact]
    public void Exit_ban_starting_more_than_a_year_ahead_is_refused()
    {
        var start = Today.AddYears(1).AddDays(1);

        Refused(SubjectOf(Person()).ImposeExitBan(ExitBanRequest(start: start, end: start.AddMonths(3)), By(Liwan)), RefusalKind.Invalid, "startDate");
    }

    [Fact]
    public void Exit_ban_needs_the_decision_number()
    {
        Refused(SubjectOf(Person()).ImposeExitBan(ExitBanRequest(decisionNumber: "  "), By(Liwan)), RefusalKind.Invalid, "decisionNumber");
    }

    [Fact]
    public void Second_exit_ban_in_the_same_case_is_refused()
    {
        var subject = SubjectOf(Person());
        Accepted(subject.ImposeExitBan(ExitBanRequest(), By(Liwan)));

        Refused(subject.ImposeExitBan(ExitBanRequest(), By(Liwan)), RefusalKind.Conflict, "caseNumber");
        Accepted(subject.ImposeExitBan(ExitBanRequest(OtherLiwanCase), By(Liwan)));
    }

    [Fact]
    public void Another_courts_case_is_forbidden()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.ImposeExitBan(ExitBanRequest(), By(Liwan)));

        Refused(subject.ImposeExitBan(ExitBanRequest(YuexiuCase), By(Liwan)), RefusalKind.Forbidden, "caseNumber");
        Refused(subject.RenewExitBan(new RenewExitBan(id, Today.AddMonths(9), "续限", "仍未履行"), By(Yuexiu)), RefusalKind.Forbidden, "exitBanId");
        Refused(subject.LiftExitBan(new LiftExitBan(id, ExitBanLiftReason.Guarantee, "已提供担保"), By(Yuexiu)), RefusalKind.Forbidden, "exitBanId");
    }

    [Fact]
    public void Renewal_sets_a_later_end_and_records_the_new_decision()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.ImposeExitBan(ExitBanRequest(start: Today, end: Today.AddMonths(3)), By(Liwan)));

        Assert.Equal(id, Accepted(subject.RenewExitBan(new RenewExitBan(id, Today.AddMonths(9), " (2025)粤0103执100号之二 ", "仍未履行"), By(Liwan))));

        var ban = subject.State.ExitBans[0];
        Assert.Equal((Today.AddMonths(9), "(2025)粤0103执100号之二", 1, ExitBanStatus.Active), (ban.EndDate, ban.DecisionNumber, ban.Renewals, ban.Status));
        var record = subject.State.History[^1];
        Assert.Equal(ChangeKind.ExitBanRenewed, record.Kind);
        Assert.Equal(["endDate", "decisionNumber"], record.Fields.Select(f => f.Field));
        Assert.Equal(new FieldChange("decisionNumber", "(2025)粤0103执100号之一", "(2025)粤0103执100号之二"), record.Fields[1]);
    }

    [Fact]
    public void Renewal_must_move_the_end_later_by_at_most_the_maximum()
    {
        var subject = SubjectOf(Person());
        var end = Today.AddMonths(3);
        var id = Accepted(subject.ImposeExitBan(ExitBanRequest(start: Today, end: end), By(Liwan)));

        Refused(subject.RenewExitBan(new RenewExitBan(id, end, "续限", "仍未履行"), By(Liwan)), RefusalKind.Invalid, "newEndDate");
        Refused(subject.RenewExitBan(new RenewExitBan(id, end.AddMonths(12).AddDays(1), "续限", "仍未履行"), By(Liwan)), RefusalKind.Invalid, "newEndDate");
        Refused(subject.RenewExitBan(new RenewExitBan(id, end.AddMonths(1), "", "仍未履行"), By(Liwan)), RefusalKind.Invalid, "decisionNumber");
        Refused(subject.RenewExitBan(new RenewExitBan(id, end.AddMonths(1), "续限", ""), By(Liwan)), RefusalKind.Invalid, "explanation");
        Accepted(subject.RenewExitBan(new RenewExitBan(id, end.AddMonths(12), "续限", "仍未履行"), By(Liwan)));
    }

    [Fact]
    public void Renewal_after_lapse_is_refused()
    {
        var clock = ClockOn(Today);
        var subject = SubjectOf(Person(), clock);
        var end = Today.AddMonths(3);
        var id = Accepted(subject.ImposeExitBan(ExitBanRequest(start: Today, end: end), By(Liwan)));
        clock.SetUtcNow(ChinaInstant(end.AddDays(1), new TimeOnly(9, 0)));
        subject.ExpireDue(); // as the grain does before every command

        var decision = subject.RenewExitBan(new RenewExitBan(id, end.AddMonths(3), "续限", "仍未履行"), By(Liwan));

        Refused(decision, RefusalKind.Conflict, "exitBanId");
        Assert.Equal((ExitBanStatus.Lapsed, end), (subject.State.ExitBans[0].Status, subject.State.ExitBans[0].EndDate));
        Accepted(subject.ImposeExitBan(ExitBanRequest(start: end.AddDays(1), end: end.AddMonths(3)), By(Liwan))); // a new decision is needed
    }

    [Theory]
    [InlineData(ExitBanLiftReason.FullPerformance)]
    [InlineData(ExitBanLiftReason.Guarantee)]
    [InlineData(ExitBanLiftReason.CreditorConsent)]
    [InlineData(ExitBanLiftReason.WronglyImposed)]
    public void Exit_ban_is_lifted_for_a_stated_reason(ExitBanLiftReason reason)
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.ImposeExitBan(ExitBanRequest(), By(Liwan)));

        Accepted(subject.LiftExitBan(new LiftExitBan(id, reason, "解除限制出境"), By(Liwan)));

        Assert.Equal((ExitBanStatus.Lifted, reason), (subject.State.ExitBans[0].Status, subject.State.ExitBans[0].Lift!.Reason));
        Assert.Equal(ChangeKind.ExitBanLifted, subject.State.History[^1].Kind);
    }

    [Fact]
    public void Lift_needs_a_known_reason_and_an_active_ban()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.ImposeExitBan(ExitBanRequest(), By(Liwan)));

        Refused(subject.LiftExitBan(new LiftExitBan(id, (ExitBanLiftReason)9, "解除"), By(Liwan)), RefusalKind.Invalid, "reason");
        Refused(subject.LiftExitBan(new LiftExitBan(id, ExitBanLiftReason.Guarantee, " "), By(Liwan)), RefusalKind.Invalid, "explanation");
        Refused(subject.LiftExitBan(new LiftExitBan(Guid.NewGuid(), ExitBanLiftReason.Guarantee, "已提供担保"), By(Liwan)), RefusalKind.NotFound, "exitBanId");
        Accepted(subject.LiftExitBan(new LiftExitBan(id, ExitBanLiftReason.Guarantee, "已提供担保"), By(Liwan)));
        Refused(subject.LiftExitBan(new LiftExitBan(id, ExitBanLiftReason.Guarantee, "已提供担保"), By(Liwan)), RefusalKind.Conflict, "exitBanId");
        Refused(subject.RenewExitBan(new RenewExitBan(id, Today.AddMonths(9), "续限", "仍未履行"), By(Liwan)), RefusalKind.Conflict, "exitBanId");
    }

    [Fact]
    public void The_decision_carries_its_date_made_in_the_case_before_the_ban_starts_Art5()
    {
        var start = Today.AddDays(10);
        ImposeExitBan Decided(DateOnly date) => ExitBanRequest(start: start, end: start.AddMonths(6)) with { DecisionDate = date };

        Refused(SubjectOf(Person()).ImposeExitBan(Decided(Today.AddDays(1)), By(Liwan)), RefusalKind.Invalid, "decisionDate");
        Refused(SubjectOf(Person()).ImposeExitBan(Decided(new DateOnly(LiwanCase.Year - 1, 12, 31)), By(Liwan)), RefusalKind.Invalid, "decisionDate");
        var subject = SubjectOf(Person());
        var id = Accepted(subject.ImposeExitBan(Decided(Today), By(Liwan)));
        Assert.Equal(Today, subject.State.ExitBans[0].DecisionDate);
        Assert.Contains($"of {Today:yyyy-MM-dd}", subject.State.History[^1].Reason);
    }

    [Fact]
    public void A_renewal_is_decided_after_the_decision_it_renews_and_before_the_ban_lapses()
    {
        var subject = SubjectOf(Person());
        var end = Today.AddMonths(3);
        var id = Accepted(subject.ImposeExitBan(ExitBanRequest(start: Today, end: end) with { DecisionDate = Today }, By(Liwan)));
        RenewExitBan Renewal(DateOnly decided) => new(id, end.AddMonths(6), "(2025)粤0103执100号之二", "仍未履行", decided);

        Refused(subject.RenewExitBan(Renewal(Today.AddDays(-1)), By(Liwan)), RefusalKind.Invalid, "decisionDate");
        Refused(subject.RenewExitBan(Renewal(Today.AddDays(1)), By(Liwan)), RefusalKind.Invalid, "decisionDate");
        Accepted(subject.RenewExitBan(Renewal(Today), By(Liwan)));
        Assert.Equal(("(2025)粤0103执100号之二", Today), (subject.State.ExitBans[0].DecisionNumber, subject.State.ExitBans[0].DecisionDate));
    }

    [Fact]
    public void A_renewed_ban_is_not_renewed_again_before_the_period_it_was_renewed_for_has_begun()
    {
        var subject = SubjectOf(Person());
        var end = Today.AddMonths(2);
        var id = Accepted(subject.ImposeExitBan(ExitBanRequest(start: Today, end: end) with { DecisionDate = Today }, By(Liwan)));
        Accepted(subject.RenewExitBan(new RenewExitBan(id, end.AddMonths(12), "(2025)粤0103执100号之二", "仍未履行", Today), By(Liwan)));

        var again = subject.RenewExitBan(new RenewExitBan(id, end.AddMonths(24), "(2025)粤0103执100号之三", "仍未履行", Today), By(Liwan));

        Refused(again, RefusalKind.Conflict, "exitBanId");
        Assert.Contains(end.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), again.Refusal!.Rule);
        Assert.Equal((end.AddMonths(12), end.AddDays(1)), (subject.State.ExitBans[0].EndDate, subject.State.ExitBans[0].RenewedFrom));
    }
}
