using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Credit.ReadModels.Interceptions;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>Necessary travel of a restricted person (SPC consumption rules, 2015, Art. 8).</summary>
public sealed class TravelPermissionRulesTests
{
    private static GrantTravelPermission Permission(Guid restrictionId, DateOnly? from = null, DateOnly? until = null,
        TravelNecessity reason = TravelNecessity.SeriousIllness, string measure = "C01", string explanation = "母亲在北京住院手术") =>
        new(restrictionId, measure, from ?? Today, until ?? Today.AddDays(5), reason, explanation);

    [Fact]
    public void Court_permits_necessary_travel_under_its_restriction_Art8()
    {
        var subject = SubjectOf(Person());
        var restriction = Accepted(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)));

        var id = Accepted(subject.GrantTravelPermission(Permission(restriction, until: Today.AddDays(3)), By(Liwan)));

        var permission = Assert.Single(subject.State.TravelPermissions);
        Assert.Equal((id, restriction, "C01", Today, Today.AddDays(3), TravelNecessity.SeriousIllness),
            (permission.Id, permission.RestrictionId, permission.Measure, permission.From, permission.Until, permission.Reason));
        Assert.Equal((Liwan, LiwanCase), (permission.Court, permission.CaseNumber));
        Assert.Equal(RestrictionStatus.Active, subject.State.Restrictions[0].Status);
        Assert.Equal(ChangeKind.TravelPermitted, subject.State.History[^1].Kind);
        Assert.Contains("Art. 8", subject.State.History[^1].Reason);
    }

    [Fact]
    public void Permission_is_shown_on_the_restriction_hold_without_its_reason_Art8()
    {
        var subject = SubjectOf(Person());
        var restriction = Accepted(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)));
        var id = Accepted(subject.GrantTravelPermission(Permission(restriction), By(Liwan)));

        var hold = Assert.Single(InterceptionProfile.Of(subject.State.ToSnapshot()!).Holds);

        Assert.Equal([new HoldPermission(id, "C01", Today, Today.AddDays(5))], hold.Permissions);
    }

    [Fact]
    public void Travel_before_the_courts_approval_is_not_permitted_Art8()
    {
        var subject = SubjectOf(Person());
        var restriction = Accepted(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)));

        var decision = subject.GrantTravelPermission(Permission(restriction, from: Today.AddDays(-1)), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "from");
        Assert.Contains("Art. 8", decision.Refusal!.Rule);
        Assert.Empty(subject.State.TravelPermissions);
    }

    [Fact]
    public void Permission_needs_dates_in_order_and_at_most_a_year_ahead()
    {
        var subject = SubjectOf(Person());
        var restriction = Accepted(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)));

        Refused(subject.GrantTravelPermission(Permission(restriction, from: Today.AddDays(3), until: Today.AddDays(2)), By(Liwan)), RefusalKind.Invalid, "until");
        Refused(subject.GrantTravelPermission(Permission(restriction, until: Today.AddYears(1).AddDays(1)), By(Liwan)), RefusalKind.Invalid, "until");
        Accepted(subject.GrantTravelPermission(Permission(restriction, from: Today.AddDays(2), until: Today.AddDays(2)), By(Liwan)));
    }

    [Fact]
    public void Permission_needs_a_reason_of_Art8_an_explanation_and_a_measure()
    {
        var subject = SubjectOf(Person());
        var restriction = Accepted(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)));

        Refused(subject.GrantTravelPermission(Permission(restriction, reason: (TravelNecessity)9), By(Liwan)), RefusalKind.Invalid, "reason");
        Refused(subject.GrantTravelPermission(Permission(restriction, explanation: " "), By(Liwan)), RefusalKind.Invalid, "explanation");
        Refused(subject.GrantTravelPermission(Permission(restriction, measure: ""), By(Liwan)), RefusalKind.Invalid, "measure");
    }

    [Fact]
    public void Only_the_restricting_court_permits_travel_Art8()
    {
        var subject = SubjectOf(Person());
        var restriction = Accepted(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)));

        Refused(subject.GrantTravelPermission(Permission(restriction), By(Yuexiu)), RefusalKind.Forbidden, "restrictionId");
        Refused(subject.GrantTravelPermission(Permission(Guid.NewGuid()), By(Liwan)), RefusalKind.NotFound, "restrictionId");
    }

    [Fact]
    public void Nothing_is_permitted_under_a_lifted_restriction()
    {
        var subject = SubjectOf(Person());
        var restriction = Accepted(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)));
        Accepted(subject.LiftRestriction(new LiftRestriction(restriction, RestrictionLiftReason.Guarantee, "提供担保"), By(Liwan)));

        Refused(subject.GrantTravelPermission(Permission(restriction), By(Liwan)), RefusalKind.Conflict, "restrictionId");
    }

    [Fact]
    public void An_entity_is_not_permitted_to_travel_Art8()
    {
        var subject = SubjectOf(Company());
        var restriction = Accepted(subject.ImposeRestriction(EntityRestrictionRequest(), By(Liwan)));

        Refused(subject.GrantTravelPermission(Permission(restriction), By(Liwan)), RefusalKind.Invalid, "subject.number");
    }
}
