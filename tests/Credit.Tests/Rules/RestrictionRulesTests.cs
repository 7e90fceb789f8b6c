using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>SPC rules on consumption restrictions (2015 revision).</summary>
public sealed class RestrictionRulesTests
{
    [Fact]
    public void Debtor_who_missed_the_deadline_is_restricted_consumption_rules_Art1()
    {
        var subject = SubjectOf(Person());

        var id = Accepted(subject.ImposeRestriction(RestrictionRequest(effectiveFrom: new DateOnly(2025, 3, 3)), By(Liwan)));

        var restriction = Assert.Single(subject.State.Restrictions);
        Assert.Equal((id, RestrictionBasis.Standalone, RestrictionStatus.Active), (restriction.Id, restriction.Basis, restriction.Status));
        Assert.Equal((Liwan, LiwanCase, new DateOnly(2025, 3, 3)), (restriction.Court, restriction.CaseNumber, restriction.EffectiveFrom));
        Assert.Null(restriction.SourceListingId);
        Assert.Equal(ChangeKind.Restricted, Assert.Single(subject.State.History).Kind);
        Assert.Empty(subject.State.Listings);
    }

    [Fact]
    public void Restriction_effective_in_the_future_is_refused()
    {
        Refused(SubjectOf(Person()).ImposeRestriction(RestrictionRequest(effectiveFrom: Today.AddDays(1)), By(Liwan)), RefusalKind.Invalid, "effectiveFrom");
    }

    [Fact]
    public void Restriction_effective_before_the_case_year_is_refused()
    {
        Refused(SubjectOf(Person()).ImposeRestriction(RestrictionRequest(effectiveFrom: new DateOnly(2024, 12, 31)), By(Liwan)), RefusalKind.Invalid, "effectiveFrom");
    }

    [Fact]
    public void Second_restriction_in_the_same_case_is_refused()
    {
        var subject = SubjectOf(Person());
        Accepted(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)));

        Refused(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)), RefusalKind.Conflict, "caseNumber");
        Accepted(subject.ImposeRestriction(RestrictionRequest(OtherLiwanCase), By(Liwan)));
    }

    [Fact]
    public void Another_courts_case_is_forbidden()
    {
        Refused(SubjectOf(Person()).ImposeRestriction(RestrictionRequest(YuexiuCase), By(Liwan)), RefusalKind.Forbidden, "caseNumber");
    }

    [Theory]
    [InlineData(RestrictionLiftReason.ObligationPerformed)]
    [InlineData(RestrictionLiftReason.Guarantee)]
    [InlineData(RestrictionLiftReason.CreditorConsent)]
    [InlineData(RestrictionLiftReason.WronglyImposed)]
    public void Standalone_restriction_is_lifted_for_a_reason_of_Art9(RestrictionLiftReason reason)
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)));

        Assert.Equal(id, Accepted(subject.LiftRestriction(new LiftRestriction(id, reason, " 已提供担保 "), By(Liwan))));

        var restriction = subject.State.Restrictions[0];
        Assert.Equal((RestrictionStatus.Lifted, reason, "已提供担保"), (restriction.Status, restriction.Lift!.Reason, restriction.Lift.Explanation));
        Assert.Equal(ChangeKind.RestrictionLifted, subject.State.History[^1].Kind);
    }

    [Theory]
    [InlineData(RestrictionLiftReason.ListingRemoved)]
    [InlineData((RestrictionLiftReason)42)]
    public void Lift_without_a_reason_of_Art9_is_refused(RestrictionLiftReason reason)
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)));

        Refused(subject.LiftRestriction(new LiftRestriction(id, reason, "解除"), By(Liwan)), RefusalKind.Invalid, "reason");
        Refused(subject.LiftRestriction(new LiftRestriction(id, RestrictionLiftReason.Guarantee, ""), By(Liwan)), RefusalKind.Invalid, "explanation");
    }

    [Fact]
    public void Restriction_of_an_active_listing_is_not_lifted_on_its_own_consumption_rules_Art1()
    {
        var subject = SubjectOf(Person());
        Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));
        var restriction = subject.State.Restrictions[0].Id;

        Refused(subject.LiftRestriction(new LiftRestriction(restriction, RestrictionLiftReason.Guarantee, "已提供担保"), By(Liwan)), RefusalKind.Conflict, "restrictionId");
        // A restriction that came wrongly with its listing means the listing was wrong: revoking the listing lifts both.
        var wrongly = subject.LiftRestriction(new LiftRestriction(restriction, RestrictionLiftReason.WronglyImposed, "错误限制"), By(Liwan));
        Refused(wrongly, RefusalKind.Conflict, "restrictionId");
        Assert.Contains("WronglyListed", wrongly.Refusal!.Rule);
        Assert.Equal(RestrictionStatus.Active, subject.State.Restrictions[0].Status);
    }

    [Fact]
    public void Restriction_kept_after_the_listing_was_removed_can_then_be_lifted()
    {
        var subject = SubjectOf(Person());
        var listing = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));
        Accepted(subject.RemoveListing(new RemoveListing(listing, RemovalReason.CreditorRequest, "申请执行人申请删除", KeepConsumptionRestriction: true), By(Liwan)));
        var restriction = subject.State.Restrictions[0].Id;

        Accepted(subject.LiftRestriction(new LiftRestriction(restriction, RestrictionLiftReason.CreditorConsent, "申请执行人同意"), By(Liwan)));
    }

    [Fact]
    public void Lifted_restriction_cannot_be_lifted_again()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)));
        Accepted(subject.LiftRestriction(new LiftRestriction(id, RestrictionLiftReason.Guarantee, "已提供担保"), By(Liwan)));

        Refused(subject.LiftRestriction(new LiftRestriction(id, RestrictionLiftReason.Guarantee, "已提供担保"), By(Liwan)), RefusalKind.Conflict, "restrictionId");
    }

    [Fact]
    public void Another_court_may_not_lift_the_restriction()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)));

        Refused(subject.LiftRestriction(new LiftRestriction(id, RestrictionLiftReason.Guarantee, "已提供担保"), By(Yuexiu)), RefusalKind.Forbidden, "restrictionId");
        Refused(subject.LiftRestriction(new LiftRestriction(Guid.NewGuid(), RestrictionLiftReason.Guarantee, "已提供担保"), By(Liwan)), RefusalKind.NotFound, "restrictionId");
        Assert.Equal(RestrictionStatus.Active, subject.State.Restrictions[0].Status);
    }
}
