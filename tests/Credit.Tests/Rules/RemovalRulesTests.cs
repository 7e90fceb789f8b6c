using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Subjects;
using Microsoft.Extensions.Time.Testing;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>Deleting a listing (SPC rules on the list, Art. 10, with Arts. 2, 9 and 12) and listing again after a deletion.</summary>
public sealed class RemovalRulesTests
{
    [Theory]
    [InlineData(RemovalReason.FullPerformance, "Art. 10 ¶1(1)")]
    [InlineData(RemovalReason.SettlementPerformed, "Art. 10 ¶1(2)")]
    [InlineData(RemovalReason.CreditorRequest, "Art. 10 ¶1(3)")]
    [InlineData(RemovalReason.NoPropertyAfterClosure, "Art. 10 ¶1(4)")]
    [InlineData(RemovalReason.EnforcementSuspended, "Art. 10 ¶1(5)")]
    [InlineData(RemovalReason.RulingNotToEnforce, "Art. 10 ¶1(6)")]
    [InlineData(RemovalReason.EnforcementTerminated, "Art. 10 ¶1(7)")]
    [InlineData(RemovalReason.WronglyListed, "Art. 9")]
    [InlineData(RemovalReason.BehaviourCorrected, "Art. 2")]
    public void Each_ground_of_Art10_para1_and_Arts_2_9_12_deletes_the_listing_and_the_history_cites_it(RemovalReason reason, string article)
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));

        Accepted(subject.RemoveListing(new RemoveListing(id, reason, "依法删除", false), By(Liwan)));

        Assert.Equal((ListingStatus.Removed, reason), (subject.State.Listings[0].Status, subject.State.Listings[0].End!.Reason));
        var record = subject.State.History.Last(h => h.Kind == ChangeKind.ListingRemoved);
        Assert.StartsWith($"{reason} ({article}): ", record.Reason);
    }

    [Fact]
    public void The_end_of_a_fixed_term_is_not_a_ground_a_court_sends_Art10_para2()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.FailsToReportProperty)]), By(Liwan)));

        var decision = subject.RemoveListing(new RemoveListing(id, RemovalReason.TermExpired, "期限届满", false), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "reason");
        Assert.Contains("Art. 10 ¶2", decision.Refusal!.Rule);
    }

    [Fact]
    public void The_platform_records_the_end_of_a_fixed_term_under_Art10_para2()
    {
        var clock = ClockOn(Today);
        var subject = SubjectOf(Person(), clock);
        Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.FailsToReportProperty)]), By(Liwan)));

        clock.SetUtcNow(ChinaInstant(PublicationDate.AddYears(2).AddDays(1), new TimeOnly(9, 0)));
        Assert.True(subject.ExpireDue());

        Assert.Equal(RemovalReason.TermExpired, subject.State.Listings[0].End!.Reason);
        Assert.Contains("Art. 10 ¶2", subject.State.History[^1].Reason);
    }

    [Theory]
    [InlineData(RemovalReason.RulingNotToEnforce)]
    [InlineData(RemovalReason.EnforcementTerminated)]
    public void A_ruling_that_ends_enforcement_lifts_everything_in_the_case_Art10_para1_6_and_7(RemovalReason reason)
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));
        Accepted(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)));
        Accepted(subject.ImposeExitBan(ExitBanRequest(), By(Liwan)));

        Accepted(subject.RemoveListing(new RemoveListing(id, reason, "裁定", false), By(Liwan)));

        Assert.All(subject.State.Restrictions, r => Assert.Equal(RestrictionStatus.Lifted, r.Status));
        Assert.Equal(RestrictionLiftReason.EnforcementEnded, subject.State.Restrictions.Single(r => r.Basis == RestrictionBasis.Standalone).Lift!.Reason);
        Assert.Equal((ExitBanStatus.Lifted, ExitBanLiftReason.EnforcementEnded), (subject.State.ExitBans[0].Status, subject.State.ExitBans[0].Lift!.Reason));
    }

    [Theory]
    [InlineData(RemovalReason.CreditorRequest)]
    [InlineData(RemovalReason.NoPropertyAfterClosure)]
    [InlineData(RemovalReason.EnforcementSuspended)]
    public void A_deletion_that_leaves_the_debt_standing_keeps_the_cases_other_measures_Art10_para1(RemovalReason reason)
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));
        Accepted(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)));
        Accepted(subject.ImposeExitBan(ExitBanRequest(), By(Liwan)));

        Accepted(subject.RemoveListing(new RemoveListing(id, reason, "依法删除", false), By(Liwan)));

        Assert.Equal(RestrictionStatus.Active, subject.State.Restrictions.Single(r => r.Basis == RestrictionBasis.Standalone).Status);
        Assert.Equal(ExitBanStatus.Active, subject.State.ExitBans[0].Status);
    }

    [Fact]
    public void Listing_whose_fixed_term_ended_before_it_is_entered_is_refused_Art10_para2()
    {
        var subject = SubjectOf(Person());
        var caseOf2023 = CaseNumber.Parse("(2023)粤0103执9号");

        var decision = subject.CreateListing(ListingRequest(caseNumber: caseOf2023, grounds: [Finding(DishonestGround.EvadesEnforcement)],
            filingDate: new DateOnly(2023, 3, 1), publicationDate: Today.AddYears(-2).AddDays(-1)), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "publicationDate");
        Assert.Contains("Art. 10 ¶2", decision.Refusal!.Rule);
        Assert.Empty(subject.State.Listings);
        Assert.Empty(subject.State.Restrictions);
    }

    [Fact]
    public void Listing_whose_fixed_term_ends_today_may_be_entered_Art2()
    {
        var subject = SubjectOf(Person());

        Accepted(subject.CreateListing(ListingRequest(caseNumber: CaseNumber.Parse("(2023)粤0103执9号"), grounds: [Finding(DishonestGround.EvadesEnforcement)],
            filingDate: new DateOnly(2023, 3, 1), publicationDate: Today.AddYears(-2)), By(Liwan)));
    }

    [Fact]
    public void Creditor_cannot_relist_within_six_months_Art10_para4()
    {
        var (subject, clock) = DeletedAtTheCreditorsRequest();

        clock.SetUtcNow(ChinaInstant(Today.AddMonths(6), new TimeOnly(23, 0)));
        var decision = subject.CreateListing(ListingRequest(publicationDate: Today.AddMonths(6), grounds: [Finding(DishonestGround.FailsToReportProperty)]), By(Liwan));

        Refused(decision, RefusalKind.Conflict, "initiative");
        Assert.Contains("Art. 10 ¶4", decision.Refusal!.Rule);
        Assert.Contains(Today.AddMonths(6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), decision.Refusal.Rule);
        Assert.Single(subject.State.Listings);
    }

    [Fact]
    public void Creditor_may_apply_again_once_six_months_have_passed_Art10_para4()
    {
        var (subject, clock) = DeletedAtTheCreditorsRequest();

        clock.SetUtcNow(ChinaInstant(Today.AddMonths(6).AddDays(1), new TimeOnly(0, 30)));

        Accepted(subject.CreateListing(ListingRequest(publicationDate: Today.AddMonths(6).AddDays(1)), By(Liwan)));
    }

    [Fact]
    public void Court_may_relist_of_its_own_motion_for_new_dishonest_behaviour_Art10_para3()
    {
        var (subject, _) = DeletedAtTheCreditorsRequest();

        Accepted(subject.CreateListing(ListingRequest(initiative: ListingInitiative.OwnMotion, publicationDate: Today,
            grounds: [new GroundFinding(DishonestGround.BreachesConsumptionRestriction, "删除后乘坐飞机")]), By(Liwan)));

        Assert.Equal(ListingInitiative.OwnMotion, subject.State.Listings[^1].Initiative);
    }

    [Fact]
    public void Own_motion_relisting_within_six_months_for_the_same_behaviour_is_refused_Art10_para3()
    {
        var (subject, _) = DeletedAtTheCreditorsRequest();

        var decision = subject.CreateListing(ListingRequest(initiative: ListingInitiative.OwnMotion, publicationDate: Today), By(Liwan));

        Refused(decision, RefusalKind.Conflict, "grounds");
        Assert.Contains("Art. 10 ¶3", decision.Refusal!.Rule);
    }

    [Fact]
    public void The_six_month_bar_is_of_the_case_it_was_deleted_in_Art10_para4()
    {
        var (subject, _) = DeletedAtTheCreditorsRequest();

        Accepted(subject.CreateListing(ListingRequest(caseNumber: OtherLiwanCase, publicationDate: Today), By(Liwan)));
    }

    [Theory]
    [InlineData(RemovalReason.FullPerformance)]
    [InlineData(RemovalReason.NoPropertyAfterClosure)]
    [InlineData(RemovalReason.WronglyListed)]
    public void Only_a_deletion_at_the_creditors_request_bars_the_creditor_Art10_para4(RemovalReason reason)
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));
        Accepted(subject.RemoveListing(new RemoveListing(id, reason, "依法删除", false), By(Liwan)));

        Accepted(subject.CreateListing(ListingRequest(publicationDate: Today), By(Liwan)));
    }

    private static (Subject Subject, FakeTimeProvider Clock) DeletedAtTheCreditorsRequest()
    {
        var clock = ClockOn(Today);
        var subject = SubjectOf(Person(), clock);
        var id = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));
        Accepted(subject.RemoveListing(new RemoveListing(id, RemovalReason.CreditorRequest, "申请执行人书面申请删除，经审查同意", false), By(Liwan)));
        return (subject, clock);
    }
}
