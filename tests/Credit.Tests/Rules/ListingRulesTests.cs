using System.Globalization;
using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Subjects;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>SPC rules on publishing the list of dishonest judgment debtors (2013, revised 2017).</summary>
public sealed class ListingRulesTests
{
    [Fact]
    public void Adult_debtor_is_listed_with_the_published_fields_Art6()
    {
        var subject = SubjectOf(Person(new DateOnly(1980, 5, 12), Sex.Female));

        var id = Accepted(subject.CreateListing(ListingRequest(subject: Named(" 王五 ")), By(Liwan)));

        var listing = Assert.Single(subject.State.Listings);
        Assert.Equal((id, ListingStatus.Active, Liwan, LiwanCase), (listing.Id, listing.Status, listing.Court, listing.CaseNumber));
        Assert.Equal((FilingDate, PublicationDate, 150_000m), (listing.FilingDate, listing.PublicationDate, listing.AmountOwed));
        Assert.Equal(new SubjectProfile(subject.Id, "王五", Sex.Female, new DateOnly(1980, 5, 12)), subject.State.Profile);
        Assert.Equal(ChangeKind.Listed, subject.State.History[0].Kind);
        Assert.Equal(id, subject.State.History[0].ItemId);
    }

    [Fact]
    public void Minor_on_publication_date_is_refused_Art4()
    {
        var subject = SubjectOf(Person(bornOn: PublicationDate.AddYears(-18).AddDays(1)));

        var decision = subject.CreateListing(ListingRequest(), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "subject.number");
        Assert.Contains("Art. 4", decision.Refusal!.Rule);
        Assert.Empty(subject.State.Listings);
    }

    [Fact]
    public void Debtor_whose_18th_birthday_is_the_publication_date_is_still_a_minor_Art4()
    {
        var subject = SubjectOf(Person(bornOn: PublicationDate.AddYears(-18)));

        var decision = subject.CreateListing(ListingRequest(), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "subject.number");
        Assert.Contains("2025-03-02", decision.Refusal!.Rule);
    }

    [Fact]
    public void Debtor_is_an_adult_from_the_day_after_the_18th_birthday_Art4()
    {
        var subject = SubjectOf(Person(bornOn: PublicationDate.AddYears(-18).AddDays(-1)));

        Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));
    }

    [Fact]
    public void Debtor_born_on_29_February_is_an_adult_from_2_March_in_a_common_year_Art4()
    {
        var bornOn = new DateOnly(2004, 2, 29);

        Refused(SubjectOf(Person(bornOn)).CreateListing(ListingRequest(publicationDate: new DateOnly(2022, 3, 1), filingDate: new DateOnly(2022, 1, 5),
            caseNumber: CaseNumber.Parse("(2022)粤0103执7号")), By(Liwan)), RefusalKind.Invalid, "subject.number");
        Accepted(SubjectOf(Person(bornOn)).CreateListing(ListingRequest(publicationDate: new DateOnly(2022, 3, 2), filingDate: new DateOnly(2022, 1, 5),
            caseNumber: CaseNumber.Parse("(2022)粤0103执7号")), By(Liwan)));
    }

    [Fact]
    public void Age_is_judged_on_the_publication_date_not_today_Art4()
    {
        // 18 today, but still 17 on the publication date.
        var subject = SubjectOf(Person(bornOn: new DateOnly(2007, 4, 1)));

        Refused(subject.CreateListing(ListingRequest(), By(Liwan)), RefusalKind.Invalid, "subject.number");
    }

    [Fact]
    public void Minor_identified_by_passport_is_refused_Art4()
    {
        Assert.True(SubjectId.TryCreate(DocumentType.Passport, "E12345678", out var passport, out _));
        var subject = SubjectOf(passport);

        var decision = subject.CreateListing(ListingRequest(subject: new SubjectDetails("John Smith", Sex.Male, new DateOnly(2010, 1, 1))), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "subject.number");
    }

    [Fact]
    public void Listing_without_ground_is_refused_Art1()
    {
        var subject = SubjectOf(Person());

        Refused(subject.CreateListing(ListingRequest(grounds: []), By(Liwan)), RefusalKind.Invalid, "grounds");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Ground_outside_the_six_of_Art1_is_refused(int ground)
    {
        var subject = SubjectOf(Person());

        var decision = subject.CreateListing(ListingRequest(grounds: [Finding((DishonestGround)ground)]), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "grounds[0].ground");
    }

    [Fact]
    public void Ground_without_the_specific_behaviour_is_refused_Art6()
    {
        var subject = SubjectOf(Person());
        var grounds = new[] { Finding(DishonestGround.FailsToReportProperty), new GroundFinding(DishonestGround.EvadesEnforcement, "  ") };

        Refused(subject.CreateListing(ListingRequest(grounds: grounds), By(Liwan)), RefusalKind.Invalid, "grounds[1].behaviour");
    }

    [Fact]
    public void Same_ground_twice_is_refused()
    {
        var subject = SubjectOf(Person());
        var grounds = new[] { Finding(DishonestGround.FailsToReportProperty), Finding(DishonestGround.FailsToReportProperty) };

        Refused(subject.CreateListing(ListingRequest(grounds: grounds), By(Liwan)), RefusalKind.Invalid, "grounds");
    }

    [Fact]
    public void Ground1_listing_has_no_period_end_Art2()
    {
        var subject = SubjectOf(Person());

        Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.RefusesDespiteAbility)]), By(Liwan)));

        Assert.Null(subject.State.Listings[0].PeriodEnd);
    }

    [Fact]
    public void Ground1_among_others_keeps_the_listing_without_period_end_Art2()
    {
        var subject = SubjectOf(Person());
        var grounds = new[] { Finding(DishonestGround.FailsToReportProperty), Finding(DishonestGround.RefusesDespiteAbility) };

        Accepted(subject.CreateListing(ListingRequest(grounds: grounds), By(Liwan)));

        Assert.Null(subject.State.Listings[0].PeriodEnd);
    }

    [Theory]
    [InlineData(DishonestGround.ObstructsEnforcement)]
    [InlineData(DishonestGround.EvadesEnforcement)]
    [InlineData(DishonestGround.FailsToReportProperty)]
    [InlineData(DishonestGround.BreachesConsumptionRestriction)]
    [InlineData(DishonestGround.BreachesSettlementAgreement)]
    public void Grounds2to6_run_two_years_from_publication_Art2(DishonestGround ground)
    {
        var subject = SubjectOf(Person());

        Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(ground)]), By(Liwan)));

        Assert.Equal(new DateOnly(2027, 3, 1), subject.State.Listings[0].PeriodEnd);
        Assert.Equal(0, subject.State.Listings[0].ExtensionYears);
    }

    [Fact]
    public void Two_year_term_from_29_February_ends_on_28_February_Art2()
    {
        Assert.Equal(new DateOnly(2026, 2, 28), Subject.PeriodEnd([Finding(DishonestGround.EvadesEnforcement)], new DateOnly(2024, 2, 29), 0));
    }

    [Fact]
    public void Extension_moves_the_period_end_and_is_recorded_Art2()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.ObstructsEnforcement)]), By(Liwan)));

        Accepted(subject.ExtendListing(new ExtendListing(id, 2, "以暴力、威胁方法妨碍执行", ExtensionCondition.ViolenceOrThreats), By(Liwan)));

        Assert.Equal((new DateOnly(2029, 3, 1), 2), (subject.State.Listings[0].PeriodEnd, subject.State.Listings[0].ExtensionYears));
        var record = subject.State.History[^1];
        Assert.Equal(ChangeKind.ListingExtended, record.Kind);
        Assert.Equal(["periodEnd", "condition"], record.Fields.Select(f => f.Field));
        Assert.Equal("ViolenceOrThreats", record.Fields[1].After);
        Assert.Contains("以暴力、威胁方法妨碍执行", record.Reason);
    }

    [Fact]
    public void Extension_beyond_three_years_in_all_is_refused_Art2()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.ObstructsEnforcement)]), By(Liwan)));
        Accepted(subject.ExtendListing(new ExtendListing(id, 2, "多次失信", ExtensionCondition.SeveralDishonestActs), By(Liwan)));

        var decision = subject.ExtendListing(new ExtendListing(id, 2, "多次失信", ExtensionCondition.SeveralDishonestActs), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "years");
        Assert.Equal(new DateOnly(2029, 3, 1), subject.State.Listings[0].PeriodEnd);
        Accepted(subject.ExtendListing(new ExtendListing(id, 1, "多次失信", ExtensionCondition.SeveralDishonestActs), By(Liwan)));
        Assert.Equal(new DateOnly(2030, 3, 1), subject.State.Listings[0].PeriodEnd); // 5 years in all
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public void Extension_of_other_than_one_to_three_years_is_refused_Art2(int years)
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.ObstructsEnforcement)]), By(Liwan)));

        Refused(subject.ExtendListing(new ExtendListing(id, years, "多次失信", ExtensionCondition.SeveralDishonestActs), By(Liwan)), RefusalKind.Invalid, "years");
    }

    [Fact]
    public void Ground1_listing_cannot_be_extended_Art2()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));

        Refused(subject.ExtendListing(new ExtendListing(id, 1, "多次失信", ExtensionCondition.SeveralDishonestActs), By(Liwan)), RefusalKind.Conflict, "listingId");
    }

    [Fact]
    public void Second_active_listing_in_the_same_case_is_refused()
    {
        var subject = SubjectOf(Person());
        Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));

        Refused(subject.CreateListing(ListingRequest(), By(Liwan)), RefusalKind.Conflict, "caseNumber");
        Accepted(subject.CreateListing(ListingRequest(caseNumber: OtherLiwanCase), By(Liwan)));
    }

    [Fact]
    public void Another_courts_case_is_forbidden()
    {
        var subject = SubjectOf(Person());

        Refused(subject.CreateListing(ListingRequest(caseNumber: YuexiuCase), By(Liwan)), RefusalKind.Forbidden, "caseNumber");
    }

    [Fact]
    public void Another_court_may_not_correct_extend_or_remove_a_listing()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.EvadesEnforcement)]), By(Liwan)));

        Refused(subject.CorrectListing(Correction(id, obligation: "支付货款 1 元"), By(Yuexiu)), RefusalKind.Forbidden, "listingId");
        Refused(subject.ExtendListing(new ExtendListing(id, 1, "多次失信", ExtensionCondition.SeveralDishonestActs), By(Yuexiu)), RefusalKind.Forbidden, "listingId");
        Refused(subject.RemoveListing(new RemoveListing(id, RemovalReason.FullPerformance, "已履行", false), By(Yuexiu)), RefusalKind.Forbidden, "listingId");
        Assert.Equal(ListingStatus.Active, subject.State.Listings[0].Status);
    }

    [Fact]
    public void Unknown_listing_is_not_found()
    {
        var subject = SubjectOf(Person());

        Refused(subject.RemoveListing(new RemoveListing(Guid.NewGuid(), RemovalReason.FullPerformance, "已履行", false), By(Liwan)), RefusalKind.NotFound, "listingId");
    }

    [Fact]
    public void Filing_date_in_the_future_is_refused()
    {
        var subject = SubjectOf(Person());

        Refused(subject.CreateListing(ListingRequest(filingDate: Today.AddDays(1), publicationDate: Today.AddDays(1)), By(Liwan)), RefusalKind.Invalid, "filingDate");
    }

    [Fact]
    public void Publication_date_in_the_future_is_refused()
    {
        var subject = SubjectOf(Person());

        Refused(subject.CreateListing(ListingRequest(publicationDate: Today.AddDays(1)), By(Liwan)), RefusalKind.Invalid, "publicationDate");
    }

    [Fact]
    public void Publication_today_in_China_is_accepted()
    {
        var subject = SubjectOf(Person());

        Accepted(subject.CreateListing(ListingRequest(publicationDate: Today), By(Liwan)));
    }

    [Fact]
    public void Publication_before_filing_is_refused()
    {
        var subject = SubjectOf(Person());

        Refused(subject.CreateListing(ListingRequest(publicationDate: FilingDate.AddDays(-1)), By(Liwan)), RefusalKind.Invalid, "publicationDate");
    }

    [Fact]
    public void Filing_date_outside_the_case_numbers_year_is_refused()
    {
        var subject = SubjectOf(Person());

        Refused(subject.CreateListing(ListingRequest(filingDate: new DateOnly(2024, 12, 31)), By(Liwan)), RefusalKind.Invalid, "filingDate");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-100")]
    [InlineData("100.001")]
    [InlineData("0.005")]
    [InlineData("1000000000000.01")]
    public void Amount_that_is_not_positive_yuan_and_fen_is_refused(string amount)
    {
        var subject = SubjectOf(Person());

        Refused(subject.CreateListing(ListingRequest(amountOwed: Yuan(amount)), By(Liwan)), RefusalKind.Invalid, "amountOwed");
    }

    [Theory]
    [InlineData("0.01")]
    [InlineData("123.45")]
    [InlineData("123.450")]
    [InlineData("1000000000000")]
    public void Amount_in_yuan_with_at_most_two_decimals_is_accepted(string amount)
    {
        var subject = SubjectOf(Person());

        Accepted(subject.CreateListing(ListingRequest(amountOwed: Yuan(amount)), By(Liwan)));
    }

    [Theory]
    [InlineData(PerformanceStatus.NotPerformed, "10")]
    [InlineData(PerformanceStatus.PartlyPerformed, "0")]
    [InlineData(PerformanceStatus.PartlyPerformed, "150000")] // fully performed debtors are not listed, Art. 10
    [InlineData(PerformanceStatus.PartlyPerformed, "10.001")]
    public void Performed_amount_must_fit_the_performance_status(PerformanceStatus status, string performed)
    {
        var subject = SubjectOf(Person());

        var decision = subject.CreateListing(ListingRequest(performance: new Performance(status, Yuan(performed))), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "performance.amountPerformed");
    }

    [Fact]
    public void Partly_performed_debt_is_listed_with_what_was_performed()
    {
        var subject = SubjectOf(Person());

        Accepted(subject.CreateListing(ListingRequest(performance: new Performance(PerformanceStatus.PartlyPerformed, 50_000m)), By(Liwan)));

        Assert.Equal(new Performance(PerformanceStatus.PartlyPerformed, 50_000m), subject.State.Listings[0].Performance);
    }

    [Fact]
    public void Obligation_is_required_and_free_of_control_characters()
    {
        Refused(SubjectOf(Person()).CreateListing(ListingRequest(obligation: " "), By(Liwan)), RefusalKind.Invalid, "obligation");
        Refused(SubjectOf(Person()).CreateListing(ListingRequest(obligation: "支付\u0007货款"), By(Liwan)), RefusalKind.Invalid, "obligation");
        Refused(SubjectOf(Person()).CreateListing(ListingRequest(obligation: new string('款', 2001)), By(Liwan)), RefusalKind.Invalid, "obligation");
    }

    [Fact]
    public void Listing_also_restricts_consumption_consumption_rules_Art1()
    {
        var subject = SubjectOf(Person());

        var id = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));

        var restriction = Assert.Single(subject.State.Restrictions);
        Assert.Equal((RestrictionBasis.Listing, RestrictionStatus.Active, id), (restriction.Basis, restriction.Status, restriction.SourceListingId));
        Assert.Equal((LiwanCase, PublicationDate, Liwan), (restriction.CaseNumber, restriction.EffectiveFrom, restriction.Court));
        Assert.Equal([ChangeKind.Listed, ChangeKind.Restricted], subject.State.History.Select(h => h.Kind));
    }

    [Fact]
    public void Removal_needs_a_statutory_reason()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));

        Refused(subject.RemoveListing(new RemoveListing(id, (RemovalReason)99, "申请人撤回", false), By(Liwan)), RefusalKind.Invalid, "reason");
        Refused(subject.RemoveListing(new RemoveListing(id, RemovalReason.CreditorRequest, " ", false), By(Liwan)), RefusalKind.Invalid, "explanation");
        Assert.Equal(ListingStatus.Active, subject.State.Listings[0].Status);
    }

    [Fact]
    public void Removal_ends_the_listing_and_lifts_its_restriction_Art10()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));

        Assert.Equal(id, Accepted(subject.RemoveListing(new RemoveListing(id, RemovalReason.CreditorRequest, " 申请执行人书面申请删除 ", false), By(Liwan))));

        var listing = subject.State.Listings[0];
        Assert.Equal(ListingStatus.Removed, listing.Status);
        Assert.Equal((RemovalReason.CreditorRequest, "申请执行人书面申请删除"), (listing.End!.Reason, listing.End.Explanation));
        var restriction = subject.State.Restrictions[0];
        Assert.Equal((RestrictionStatus.Lifted, RestrictionLiftReason.ListingRemoved), (restriction.Status, restriction.Lift!.Reason));
        Assert.Contains(subject.State.History, h => h.Kind == ChangeKind.ListingRemoved && h.ItemId == id);
    }

    [Fact]
    public void Removal_may_keep_the_consumption_restriction_while_the_debt_stands()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));

        Accepted(subject.RemoveListing(new RemoveListing(id, RemovalReason.BehaviourCorrected, "已纠正失信行为", KeepConsumptionRestriction: true), By(Liwan)));

        Assert.Equal(RestrictionStatus.Active, subject.State.Restrictions[0].Status);
    }

    [Theory]
    [InlineData(RemovalReason.FullPerformance)]
    [InlineData(RemovalReason.SettlementPerformed)]
    [InlineData(RemovalReason.RulingNotToEnforce)]
    [InlineData(RemovalReason.EnforcementTerminated)]
    [InlineData(RemovalReason.WronglyListed)]
    public void Keeping_the_restriction_after_performance_an_end_of_enforcement_or_a_wrong_listing_is_refused_consumption_rules_Art9(RemovalReason reason)
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));

        var decision = subject.RemoveListing(new RemoveListing(id, reason, "依法删除", KeepConsumptionRestriction: true), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "keepConsumptionRestriction");
    }

    [Fact]
    public void Full_performance_lifts_restrictions_and_exit_bans_of_the_case()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));
        var standalone = Accepted(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)));
        var ban = Accepted(subject.ImposeExitBan(ExitBanRequest(), By(Liwan)));
        var otherCaseRestriction = Accepted(subject.ImposeRestriction(RestrictionRequest(OtherLiwanCase), By(Liwan)));
        var otherCaseBan = Accepted(subject.ImposeExitBan(ExitBanRequest(OtherLiwanCase), By(Liwan)));

        Accepted(subject.RemoveListing(new RemoveListing(id, RemovalReason.FullPerformance, "已全部履行", false), By(Liwan)));

        Assert.Equal(RestrictionStatus.Lifted, subject.State.Restrictions.Single(r => r.SourceListingId == id).Status);
        Assert.Equal(RestrictionStatus.Lifted, subject.State.Restrictions.Single(r => r.Id == standalone).Status);
        var lifted = subject.State.ExitBans.Single(b => b.Id == ban);
        Assert.Equal((ExitBanStatus.Lifted, ExitBanLiftReason.FullPerformance), (lifted.Status, lifted.Lift!.Reason));
        // Other cases of the same debtor are not performed by this payment.
        Assert.Equal(RestrictionStatus.Active, subject.State.Restrictions.Single(r => r.Id == otherCaseRestriction).Status);
        Assert.Equal(ExitBanStatus.Active, subject.State.ExitBans.Single(b => b.Id == otherCaseBan).Status);
    }

    [Fact]
    public void Revoking_a_wrong_listing_leaves_the_exit_ban_and_standalone_restriction_of_the_case_Art9()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));
        var standalone = Accepted(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)));
        var ban = Accepted(subject.ImposeExitBan(ExitBanRequest(), By(Liwan)));

        Accepted(subject.RemoveListing(new RemoveListing(id, RemovalReason.WronglyListed, "已提供充分担保，不应纳入", false), By(Liwan)));

        Assert.Equal(RestrictionStatus.Lifted, subject.State.Restrictions.Single(r => r.SourceListingId == id).Status);
        Assert.Equal(RestrictionStatus.Active, subject.State.Restrictions.Single(r => r.Id == standalone).Status);
        Assert.Equal(ExitBanStatus.Active, subject.State.ExitBans.Single(b => b.Id == ban).Status);
    }

    [Fact]
    public void Removed_listing_can_be_neither_removed_nor_corrected_nor_extended_again()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.EvadesEnforcement)]), By(Liwan)));
        Accepted(subject.RemoveListing(new RemoveListing(id, RemovalReason.FullPerformance, "已全部履行", false), By(Liwan)));

        Refused(subject.RemoveListing(new RemoveListing(id, RemovalReason.FullPerformance, "已全部履行", false), By(Liwan)), RefusalKind.Conflict, "listingId");
        Refused(subject.CorrectListing(Correction(id, obligation: "支付货款 1 元"), By(Liwan)), RefusalKind.Conflict, "listingId");
        Refused(subject.ExtendListing(new ExtendListing(id, 1, "多次失信", ExtensionCondition.SeveralDishonestActs), By(Liwan)), RefusalKind.Conflict, "listingId");
    }

    [Fact]
    public void Relisting_in_a_case_after_removal_is_allowed()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));
        Accepted(subject.RemoveListing(new RemoveListing(id, RemovalReason.SettlementPerformed, "和解协议已履行", false), By(Liwan)));

        Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));

        Assert.Equal([ListingStatus.Removed, ListingStatus.Active], subject.State.Listings.Select(l => l.Status));
    }

    [Fact]
    public void Correction_records_each_changed_field_in_the_history_Art9()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.FailsToReportProperty)]), By(Liwan)));
        var newPublication = PublicationDate.AddDays(5);

        Accepted(subject.CorrectListing(Correction(id, explanation: " 公布日期录入错误 ", subjectName: "张三丰", obligation: "支付货款 120000 元",
            amountOwed: 120_000m, publicationDate: newPublication), By(Liwan)));

        var record = subject.State.History[^1];
        Assert.Equal((ChangeKind.ListingCorrected, id, Liwan, "clerk-007"), (record.Kind, record.ItemId, record.Court, record.Actor));
        Assert.Contains("公布日期录入错误", record.Reason);
        Assert.Equal(
            [
                new FieldChange("obligation", "支付货款 150000 元及利息", "支付货款 120000 元"),
                new FieldChange("amountOwed", "150000", "120000"),
                new FieldChange("publicationDate", "2025-03-01", "2025-03-06"),
                new FieldChange("periodEnd", "2027-03-01", "2027-03-06"),
                new FieldChange("subject.name", PersonName, "张三丰"),
            ],
            record.Fields);
        var listing = subject.State.Listings[0];
        Assert.Equal(("支付货款 120000 元", 120_000m, newPublication, (DateOnly?)new DateOnly(2027, 3, 6)), (listing.Obligation, listing.AmountOwed, listing.PublicationDate, listing.PeriodEnd));
        Assert.Equal("张三丰", subject.State.Profile!.Name);
        Assert.Equal(record.Version, subject.State.Version);
    }

    [Fact]
    public void Correction_that_changes_nothing_is_refused()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));

        Refused(subject.CorrectListing(Correction(id, amountOwed: 150_000.00m, subjectName: PersonName), By(Liwan)), RefusalKind.Invalid, "explanation");
        Refused(subject.CorrectListing(Correction(id, explanation: "", obligation: "支付货款 1 元"), By(Liwan)), RefusalKind.Invalid, "explanation");
    }

    [Fact]
    public void Correction_is_held_to_the_listing_rules_Art4()
    {
        var subject = SubjectOf(Person(bornOn: new DateOnly(2007, 2, 25)));
        var id = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));

        Refused(subject.CorrectListing(Correction(id, publicationDate: new DateOnly(2025, 2, 20)), By(Liwan)), RefusalKind.Invalid, "subject.number");
        Refused(subject.CorrectListing(Correction(id, amountOwed: -1m), By(Liwan)), RefusalKind.Invalid, "amountOwed");
        Refused(subject.CorrectListing(Correction(id, grounds: []), By(Liwan)), RefusalKind.Invalid, "grounds");
        Refused(subject.CorrectListing(Correction(id, publicationDate: Today.AddDays(1)), By(Liwan)), RefusalKind.Invalid, "publicationDate");
    }

    [Fact]
    public void Correction_to_the_last_day_of_the_calendar_is_refused_not_thrown_Art2()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.EvadesEnforcement)]), By(Liwan)));

        var decision = subject.CorrectListing(Correction(id, publicationDate: DateOnly.MaxValue), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "publicationDate");
    }

    [Fact]
    public void Fixed_term_ends_at_the_last_day_of_the_calendar_rather_than_beyond_it_Art2()
    {
        var grounds = new[] { Finding(DishonestGround.EvadesEnforcement) };

        Assert.Equal(DateOnly.MaxValue, Subject.PeriodEnd(grounds, new DateOnly(9998, 6, 1), Subject.MaximumExtensionYears));
        Assert.Equal(new DateOnly(9999, 6, 1), Subject.PeriodEnd(grounds, new DateOnly(9997, 6, 1), 0));
    }

    [Fact]
    public void Correction_to_ground1_removes_the_period_end_Art2()
    {
        var subject = SubjectOf(Person());
        var id = Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.EvadesEnforcement)]), By(Liwan)));

        Accepted(subject.CorrectListing(Correction(id, grounds: [Finding(DishonestGround.RefusesDespiteAbility)]), By(Liwan)));

        Assert.Null(subject.State.Listings[0].PeriodEnd);
        Assert.Contains(subject.State.History[^1].Fields, f => f.Field == "periodEnd" && f.After is null);
    }

    private static CorrectListing Correction(Guid id, string explanation = "录入错误", string? subjectName = null, string? obligation = null,
        decimal? amountOwed = null, IReadOnlyList<GroundFinding>? grounds = null, DateOnly? publicationDate = null) =>
        new(id, explanation, subjectName, null, obligation, amountOwed, null, grounds, null, publicationDate, null);

    private static decimal Yuan(string amount) => decimal.Parse(amount, CultureInfo.InvariantCulture);
}
