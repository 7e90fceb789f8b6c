using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Subjects;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>List rules Art. 9 with consumption rules Art. 5: a restriction order's number and date recorded wrongly are
/// corrected under the rules of the order, and the persons who answer for an entity carry the corrected order (or listing
/// decision) in their own restrictions, which is what the agencies read.</summary>
public sealed class RestrictionOrderCorrectionRulesTests
{
    private static readonly DateOnly EffectiveFrom = new(2025, 3, 10);
    private static readonly DateOnly OrderedOn = new(2025, 3, 8);

    private static CorrectRestriction Order(Guid id, string? number = null, DateOnly? date = null) => new(id, "限制消费令日期录入错误", null, number, date);

    [Fact]
    public void A_mistyped_order_date_and_number_are_corrected_and_the_history_says_so_consumption_rules_Art5()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.ImposeRestriction(RestrictionRequest(effectiveFrom: EffectiveFrom, orderDate: OrderedOn), By(Liwan)));

        Accepted(subject.CorrectRestriction(Order(id, " (2025)粤0103执100号限制消费令之二 ", new DateOnly(2025, 3, 1)), By(Liwan)));

        var restriction = Assert.Single(subject.State.Restrictions);
        Assert.Equal(("(2025)粤0103执100号限制消费令之二", (DateOnly?)new DateOnly(2025, 3, 1), EffectiveFrom, RestrictionStatus.Active),
            (restriction.OrderNumber, restriction.OrderDate, restriction.EffectiveFrom, restriction.Status));
        var record = subject.State.History[^1];
        Assert.Equal(ChangeKind.RestrictionCorrected, record.Kind);
        Assert.Equal(
            [new FieldChange("orderNumber", "(2025)粤0103执100号限制消费令", "(2025)粤0103执100号限制消费令之二"), new FieldChange("orderDate", "2025-03-08", "2025-03-01")],
            record.Fields);
    }

    [Theory]
    [InlineData("2025-06-17")] // in the future
    [InlineData("2024-12-31")] // before the case number's year
    [InlineData("2025-03-11")] // after the restriction took effect
    public void A_corrected_order_date_keeps_the_rules_of_the_order_consumption_rules_Art5(string date)
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.ImposeRestriction(RestrictionRequest(effectiveFrom: EffectiveFrom, orderDate: OrderedOn), By(Liwan)));

        Refused(subject.CorrectRestriction(Order(id, date: DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)), By(Liwan)), RefusalKind.Invalid, "orderDate");

        Assert.Equal(OrderedOn, subject.State.Restrictions[0].OrderDate);
        Assert.Single(subject.State.History);
    }

    [Fact]
    public void Only_the_restrictions_court_corrects_its_order_and_the_correction_must_change_something()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.ImposeRestriction(RestrictionRequest(effectiveFrom: EffectiveFrom, orderDate: OrderedOn), By(Liwan)));

        Refused(subject.CorrectRestriction(Order(id, date: EffectiveFrom), By(Yuexiu)), RefusalKind.Forbidden, "restrictionId");
        Refused(subject.CorrectRestriction(Order(id, number: " "), By(Liwan)), RefusalKind.Invalid, "orderNumber");
        Refused(subject.CorrectRestriction(Order(id, date: OrderedOn), By(Liwan)), RefusalKind.Invalid, "explanation");
        Refused(subject.CorrectRestriction(Order(id, date: EffectiveFrom) with { Explanation = "" }, By(Liwan)), RefusalKind.Invalid, "explanation");
        // A person's restriction names no one who answers for it.
        Refused(subject.CorrectRestriction(new CorrectRestriction(id, "更正", [Representative], OrderDate: EffectiveFrom), By(Liwan)), RefusalKind.Conflict, "restrictionId");

        Accepted(subject.LiftRestriction(new LiftRestriction(id, RestrictionLiftReason.Guarantee, "已提供担保"), By(Liwan)));
        Refused(subject.CorrectRestriction(Order(id, date: EffectiveFrom), By(Liwan)), RefusalKind.Conflict, "restrictionId");
    }

    [Fact]
    public void A_restriction_that_rests_on_a_listing_or_on_an_entitys_order_has_no_order_of_its_own_to_correct()
    {
        var listed = SubjectOf(Person());
        Accepted(listed.CreateListing(ListingRequest(), By(Liwan)));
        var withListing = listed.State.Restrictions[0].Id;
        var refused = listed.CorrectRestriction(Order(withListing, date: PublicationDate), By(Liwan));
        Refused(refused, RefusalKind.Conflict, "restrictionId");
        Assert.Contains("listing's decisionNumber or decisionDate", refused.Refusal!.Rule);

        var person = SubjectOf(Representative.Person);
        var followed = Accepted(person.RestrictAsResponsiblePerson(new RestrictAsResponsiblePerson("李四", Company(), CompanyName, null, LiwanCase, EffectiveFrom,
            EntityRestrictionId: Guid.NewGuid(), DecisionNumber: "(2025)粤0103执100号限制消费令", DecisionDate: OrderedOn), By(Liwan)));
        Refused(person.CorrectRestriction(Order(followed, date: EffectiveFrom), By(Liwan)), RefusalKind.Conflict, "restrictionId");
    }

    [Fact]
    public void The_persons_who_answer_for_an_entity_are_told_of_its_corrected_order_and_carry_it_consumption_rules_Art3_para2()
    {
        var entity = SubjectOf(Company());
        var id = Accepted(entity.ImposeRestriction(EntityRestrictionRequest() with { EffectiveFrom = EffectiveFrom, OrderDate = OrderedOn }, By(Liwan)));
        var first = Assert.Single(entity.State.Outbox).Restrict!;
        entity.State.Outbox.Clear();

        Accepted(entity.CorrectRestriction(Order(id, date: new DateOnly(2025, 3, 1)), By(Liwan)));

        var told = Assert.Single(entity.State.Outbox);
        Assert.Equal((Representative.Person, (DateOnly?)new DateOnly(2025, 3, 1)), (told.Target, told.Restrict!.DecisionDate));
        var person = SubjectOf(Representative.Person);
        var restriction = Accepted(person.RestrictAsResponsiblePerson(first, By(Liwan)));
        Assert.Equal(restriction, Accepted(person.RestrictAsResponsiblePerson(told.Restrict, told.Context)));
        Assert.Equal(new DateOnly(2025, 3, 1), Assert.Single(person.State.Restrictions).OrderDate);
        Assert.Equal(new FieldChange("orderDate", "2025-03-08", "2025-03-01"), Assert.Single(person.State.History[^1].Fields));
    }

    [Fact]
    public void The_persons_who_answer_for_an_entity_are_told_of_its_listings_corrected_decision_Art9()
    {
        var entity = SubjectOf(Company());
        var listing = Accepted(entity.CreateListing(EntityListingRequest(), By(Liwan)));
        entity.State.Outbox.Clear();

        Accepted(entity.CorrectListing(new CorrectListing(listing, "决定书文号录入错误", null, null, null, null, null, null, null, null, null,
            DecisionNumber: "(2025)粤0103执100号之九"), By(Liwan)));

        var told = Assert.Single(entity.State.Outbox);
        Assert.Equal((Representative.Person, "(2025)粤0103执100号之九", ResponsibleRole.LegalRepresentative),
            (told.Target, told.Restrict!.DecisionNumber, told.Restrict.Role));
    }

    [Fact]
    public void A_correction_of_the_persons_alone_tells_those_who_stay_nothing_new()
    {
        var entity = SubjectOf(Company());
        var id = Accepted(entity.ImposeRestriction(EntityRestrictionRequest() with { EffectiveFrom = EffectiveFrom, OrderDate = OrderedOn }, By(Liwan)));
        entity.State.Outbox.Clear();
        var accountant = new ResponsiblePerson(SubjectId.For(ResidentBornOn(new DateOnly(1970, 1, 2))), "钱八", ResponsibleRole.DirectlyResponsiblePerson);

        Accepted(entity.CorrectRestriction(new CorrectRestriction(id, "直接责任人员变更", [Representative, accountant]), By(Liwan)));

        // The person newly named is restricted; the representative, who stays under the same order, hears nothing.
        Assert.Equal(accountant.Person, Assert.Single(entity.State.Outbox).Target);
        Assert.Equal(new FieldChange("responsiblePersons", Representative.ToString(), $"{Representative}; {accountant}"), Assert.Single(entity.State.History[^1].Fields));
    }
}
