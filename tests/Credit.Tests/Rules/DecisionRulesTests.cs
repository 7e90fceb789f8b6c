using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Credit.ReadModels.Interceptions;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>The court's decisions behind each measure (list rules Art. 5; consumption rules Art. 5), the cases that may
/// carry measures, and the conditions of an extension (list rules Art. 2).</summary>
public sealed class DecisionRulesTests
{
    [Fact]
    public void Listing_records_its_decision_number_date_and_initiative_Art5()
    {
        var subject = SubjectOf(Person());

        Accepted(subject.CreateListing(ListingRequest(initiative: ListingInitiative.OwnMotion, decisionDate: new DateOnly(2025, 2, 20),
            decisionNumber: " (2025)粤0103执100号之一 "), By(Liwan)));

        var listing = subject.State.Listings[0];
        Assert.Equal(("(2025)粤0103执100号之一", new DateOnly(2025, 2, 20), ListingInitiative.OwnMotion),
            (listing.DecisionNumber, listing.DecisionDate, listing.Initiative));
        var record = subject.State.History[0];
        Assert.Contains("decision (2025)粤0103执100号之一 of 2025-02-20, of the court's own motion", record.Reason);
        Assert.Equal([("decisionNumber", "(2025)粤0103执100号之一"), ("decisionDate", "2025-02-20"), ("initiative", "OwnMotion")],
            record.Fields.Select(f => (f.Field, f.After)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Listing_without_a_decision_number_is_refused_Art5(string number)
    {
        Refused(SubjectOf(Person()).CreateListing(ListingRequest(decisionNumber: number), By(Liwan)), RefusalKind.Invalid, "decisionNumber");
    }

    [Theory]
    [InlineData("2025-02-09")] // before the filing date
    [InlineData("2025-03-02")] // after the publication date
    [InlineData("2025-06-17")] // tomorrow
    public void Decision_dated_outside_the_case_before_publication_is_refused_Art5(string date)
    {
        var decision = SubjectOf(Person()).CreateListing(ListingRequest(decisionDate: DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "decisionDate");
    }

    [Fact]
    public void Listing_with_an_unknown_initiative_is_refused_Art5()
    {
        Refused(SubjectOf(Person()).CreateListing(ListingRequest(initiative: (ListingInitiative)7), By(Liwan)), RefusalKind.Invalid, "initiative");
    }

    [Fact]
    public void Correction_may_record_the_decision_of_a_listing_stored_without_one_Art5_Art9()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));
        // As a listing made before decisions were recorded is stored.
        subject.State.Listings[0] = subject.State.Listings[0] with { DecisionNumber = null, DecisionDate = null, Initiative = null };

        Accepted(subject.CorrectListing(new CorrectListing(id, "补录决定书", null, null, null, null, null, null, null, null, null,
            "(2025)粤0103执100号之一", new DateOnly(2025, 2, 28), ListingInitiative.CreditorApplication), By(Liwan)));

        Assert.Equal(("(2025)粤0103执100号之一", new DateOnly(2025, 2, 28)), (subject.State.Listings[0].DecisionNumber, subject.State.Listings[0].DecisionDate));
        Assert.Equal(["decisionNumber", "decisionDate", "initiative"], subject.State.History[^1].Fields.Select(f => f.Field));
    }

    [Fact]
    public void Restriction_records_its_order_number_and_date_consumption_rules_Art5()
    {
        var subject = SubjectOf(Person());

        Accepted(subject.ImposeRestriction(RestrictionRequest(effectiveFrom: new DateOnly(2025, 3, 3), orderDate: new DateOnly(2025, 3, 1)), By(Liwan)));

        var restriction = subject.State.Restrictions[0];
        Assert.Equal(("(2025)粤0103执100号限制消费令", new DateOnly(2025, 3, 1)), (restriction.OrderNumber, restriction.OrderDate));
        Assert.Contains("order (2025)粤0103执100号限制消费令 of 2025-03-01", subject.State.History[0].Reason);
    }

    [Fact]
    public void Restriction_without_its_order_is_refused_consumption_rules_Art5()
    {
        Refused(SubjectOf(Person()).ImposeRestriction(RestrictionRequest(orderNumber: " "), By(Liwan)), RefusalKind.Invalid, "orderNumber");
        Refused(SubjectOf(Person()).ImposeRestriction(RestrictionRequest(orderDate: Today.AddDays(1)), By(Liwan)), RefusalKind.Invalid, "orderDate");
        Refused(SubjectOf(Person()).ImposeRestriction(RestrictionRequest(orderDate: new DateOnly(2024, 12, 30)), By(Liwan)), RefusalKind.Invalid, "orderDate");
    }

    [Fact]
    public void Restriction_effective_before_its_order_is_refused_consumption_rules_Art5()
    {
        var decision = SubjectOf(Person()).ImposeRestriction(RestrictionRequest(effectiveFrom: new DateOnly(2025, 3, 1), orderDate: new DateOnly(2025, 3, 2)), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "effectiveFrom");
    }

    [Fact]
    public void Each_hold_carries_the_decision_it_rests_on_for_the_agencies_Art5()
    {
        var subject = SubjectOf(Person());
        Accepted(subject.CreateListing(ListingRequest(decisionDate: new DateOnly(2025, 2, 20)), By(Liwan)));
        Accepted(subject.ImposeRestriction(RestrictionRequest(OtherLiwanCase, effectiveFrom: new DateOnly(2025, 2, 12), orderDate: new DateOnly(2025, 2, 11)), By(Liwan)));
        Accepted(subject.ImposeExitBan(ExitBanRequest(decisionNumber: "(2025)粤0103执100号之二"), By(Liwan)));

        var holds = InterceptionProfile.Of(subject.State.ToSnapshot()!).Holds;

        Assert.Equal(
            [
                (InterceptionTriggers.DishonestListing, "(2025)粤0103执100号之一", new DateOnly(2025, 2, 20)),
                (InterceptionTriggers.ConsumptionRestriction, "(2025)粤0103执100号之一", new DateOnly(2025, 2, 20)), // the listing's restriction
                (InterceptionTriggers.ConsumptionRestriction, "(2025)粤0103执100号限制消费令", new DateOnly(2025, 2, 11)),
                (InterceptionTriggers.ExitBan, "(2025)粤0103执100号之二", (DateOnly?)null),
            ],
            holds.Select(h => (h.Trigger, h.DecisionNumber, h.DecisionDate)));
    }

    public static TheoryData<string> SideProceedings => new() { "执保", "执异", "执复", "执监", "执协", "执他", "执配" };

    [Theory]
    [MemberData(nameof(SideProceedings))]
    public void Only_enforcement_cases_carry_a_listing_a_restriction_or_an_exit_ban_Art5(string caseType)
    {
        var sideCase = CaseNumber.Parse($"(2025)粤0103{caseType}100号");

        foreach (var decision in new[]
        {
            SubjectOf(Person()).CreateListing(ListingRequest(caseNumber: sideCase), By(Liwan)),
            SubjectOf(Person()).ImposeRestriction(RestrictionRequest(sideCase), By(Liwan)),
            SubjectOf(Person()).ImposeExitBan(ExitBanRequest(sideCase), By(Liwan)),
        })
        {
            Refused(decision, RefusalKind.Invalid, "caseNumber");
            Assert.Contains($"is a {caseType} case; only enforcement cases (执, 执恢)", decision.Refusal!.Rule);
        }
    }

    [Fact]
    public void Resumed_enforcement_case_carries_measures_Art5()
    {
        var resumed = CaseNumber.Parse("(2025)粤0103执恢100号");

        Accepted(SubjectOf(Person()).CreateListing(ListingRequest(caseNumber: resumed), By(Liwan)));
        Accepted(SubjectOf(Person()).ImposeRestriction(RestrictionRequest(resumed), By(Liwan)));
        Accepted(SubjectOf(Person()).ImposeExitBan(ExitBanRequest(resumed), By(Liwan)));
    }

    [Fact]
    public void Extension_without_its_condition_is_refused_Art2()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.ObstructsEnforcement)]), By(Liwan)));

        var missing = subject.ExtendListing(new ExtendListing(id, 1, "延长", null), By(Liwan));
        var unknown = subject.ExtendListing(new ExtendListing(id, 1, "延长", (ExtensionCondition)5), By(Liwan));

        Refused(missing, RefusalKind.Invalid, "condition");
        Assert.Contains("Art. 2", missing.Refusal!.Rule);
        Refused(unknown, RefusalKind.Invalid, "condition");
        Assert.Equal(0, subject.State.Listings[0].ExtensionYears);
    }

    [Theory]
    [InlineData(ExtensionCondition.ViolenceOrThreats)]
    [InlineData(ExtensionCondition.SeveralDishonestActs)]
    public void Extension_names_its_condition_in_the_history_Art2(ExtensionCondition condition)
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.ObstructsEnforcement)]), By(Liwan)));

        Accepted(subject.ExtendListing(new ExtendListing(id, 1, "延长", condition), By(Liwan)));

        var record = subject.State.History[^1];
        Assert.Equal(ChangeKind.ListingExtended, record.Kind);
        Assert.Contains($"for {condition}", record.Reason);
    }
}
