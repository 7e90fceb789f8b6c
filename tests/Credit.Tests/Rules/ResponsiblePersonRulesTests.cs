using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Subjects;
using Credit.ReadModels.Interceptions;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>The persons who answer for an entity debtor: its legal representative, main responsible persons, directly
/// responsible persons and actual controller (consumption rules Art. 3 ¶2; list rules Art. 6; SPC enforcement
/// interpretation Art. 24 for exit bans).</summary>
public sealed class ResponsiblePersonRulesTests
{
    private static readonly ResponsiblePerson Manager =
        new(SubjectId.For(ResidentBornOn(new DateOnly(1982, 3, 4), Sex.Female)), "王经理", ResponsibleRole.MainResponsiblePerson);
    private static readonly ResponsiblePerson Controller = new(Passport("K12345678"), "John Smith", ResponsibleRole.ActualController, Sex.Male, new DateOnly(1970, 1, 2));
    private static readonly ResponsiblePerson Accountant =
        new(SubjectId.For(ResidentBornOn(new DateOnly(1990, 7, 7))), "赵会计", ResponsibleRole.DirectlyResponsiblePerson);

    private static SubjectId Passport(string number)
    {
        Assert.True(SubjectId.TryCreate(DocumentType.Passport, number, out var id, out _));
        return id;
    }

    private static List<PendingDelivery> Restricts(Subject subject) => [.. subject.State.Outbox.Where(d => d.Restrict is not null)];

    private static List<PendingDelivery> Lifts(Subject subject) => [.. subject.State.Outbox.Where(d => d.Lift is not null)];

    [Fact]
    public void Entity_listing_names_each_responsible_person_with_role_and_document_Art6_consumption_rules_Art3_para2()
    {
        var subject = SubjectOf(Company());

        Accepted(subject.CreateListing(EntityListingRequest(persons: [Representative with { Name = " 李四 " }, Manager, Controller, Accountant]), By(Liwan)));

        Assert.Equal([Representative, Manager, Controller, Accountant], subject.State.Listings[0].ResponsiblePersons);
        Assert.Equal(new SubjectProfile(subject.Id, CompanyName, null, null), subject.State.Profile);
    }

    [Fact]
    public void Each_responsible_person_is_restricted_personally_in_the_entitys_case_consumption_rules_Art3_para2()
    {
        var subject = SubjectOf(Company());

        var id = Accepted(subject.CreateListing(EntityListingRequest(persons: [Representative, Manager, Controller]), By(Liwan)));

        var deliveries = Restricts(subject);
        Assert.Equal([Representative.Person, Manager.Person, Controller.Person], deliveries.Select(d => d.Target));
        Assert.Equal(new RestrictAsResponsiblePerson("John Smith", subject.Id, CompanyName, id, LiwanCase, PublicationDate, ResponsibleRole.ActualController,
            null, Sex.Male, new DateOnly(1970, 1, 2), "(2025)粤0103执100号之一", PublicationDate), deliveries[2].Restrict);
        Assert.Equal(3, deliveries.Select(d => d.Context.IdempotencyKey).Distinct().Count());
        Assert.All(deliveries, d => Assert.Equal(Liwan, d.Context.Court));
        // They are restricted as their own subjects, never listed for the entity's debt.
        Assert.Single(subject.State.Listings);
        Assert.Equal(RestrictionBasis.Listing, Assert.Single(subject.State.Restrictions).Basis);
    }

    [Fact]
    public void Entity_listing_without_exactly_one_legal_representative_is_refused_Art6()
    {
        foreach (var persons in new List<ResponsiblePerson>?[] { null, [], [Manager], [Representative, Manager with { Role = ResponsibleRole.LegalRepresentative }] })
        {
            var subject = SubjectOf(Company());

            var decision = subject.CreateListing(ListingRequest(subject: Named(CompanyName), persons: persons), By(Liwan));

            Refused(decision, RefusalKind.Invalid, "responsiblePersons");
            Assert.Contains("Art. 6", decision.Refusal!.Rule);
            Assert.Empty(subject.State.Outbox);
        }
    }

    [Fact]
    public void Person_listing_naming_responsible_persons_is_refused()
    {
        Refused(SubjectOf(Person()).CreateListing(ListingRequest(persons: [Representative]), By(Liwan)), RefusalKind.Invalid, "responsiblePersons");
    }

    [Fact]
    public void Responsible_person_is_a_natural_person_named_once()
    {
        var company = Company("91440101MA59ABCDE");

        Refused(SubjectOf(Company()).CreateListing(EntityListingRequest(persons: [Representative, Manager with { Person = company }]), By(Liwan)),
            RefusalKind.Invalid, "responsiblePersons[1].number");
        Refused(SubjectOf(Company()).CreateListing(EntityListingRequest(persons: [Representative, Representative with { Role = ResponsibleRole.ActualController }]), By(Liwan)),
            RefusalKind.Invalid, "responsiblePersons");
        Refused(SubjectOf(Company()).CreateListing(EntityListingRequest(persons: [Representative, Manager with { Name = " " }]), By(Liwan)),
            RefusalKind.Invalid, "responsiblePersons[1].name");
        Refused(SubjectOf(Company()).CreateListing(EntityListingRequest(persons: [Representative, Manager with { Role = (ResponsibleRole)9 }]), By(Liwan)),
            RefusalKind.Invalid, "responsiblePersons[1].role");
    }

    [Fact]
    public void A_passport_holder_is_named_with_sex_and_birth_date_a_resident_id_without()
    {
        Refused(SubjectOf(Company()).CreateListing(EntityListingRequest(persons: [Representative, Controller with { Sex = null }]), By(Liwan)),
            RefusalKind.Invalid, "responsiblePersons[1].sex");
        Refused(SubjectOf(Company()).CreateListing(EntityListingRequest(persons: [Representative, Controller with { BirthDate = Today.AddDays(1) }]), By(Liwan)),
            RefusalKind.Invalid, "responsiblePersons[1].birthDate");
        Refused(SubjectOf(Company()).CreateListing(EntityListingRequest(persons: [Representative with { Sex = Sex.Male }]), By(Liwan)),
            RefusalKind.Invalid, "responsiblePersons[0].sex");
    }

    [Fact]
    public void Legal_representative_whose_resident_id_gives_a_future_birth_date_is_refused()
    {
        var unborn = Representative with { Person = SubjectId.For(ResidentBornOn(Today.AddDays(1))) };

        Refused(SubjectOf(Company()).CreateListing(EntityListingRequest(persons: [unborn]), By(Liwan)), RefusalKind.Invalid, "responsiblePersons[0].number");
    }

    [Fact]
    public void Removing_the_entitys_listing_frees_every_responsible_person_consumption_rules_Art3_para2()
    {
        var subject = SubjectOf(Company());
        var id = Accepted(subject.CreateListing(EntityListingRequest(persons: [Representative, Manager]), By(Liwan)));
        subject.State.Outbox.Clear(); // delivered

        Accepted(subject.RemoveListing(new RemoveListing(id, RemovalReason.FullPerformance, "已全部履行", false), By(Liwan)));

        var lifts = Lifts(subject);
        Assert.Equal([Representative.Person, Manager.Person], lifts.Select(d => d.Target));
        Assert.All(lifts, d => Assert.Equal((subject.Id, (Guid?)id, RestrictionLiftReason.ListingRemoved), (d.Lift!.Entity, d.Lift.ListingId, d.Lift.Reason)));
    }

    [Fact]
    public void A_new_legal_representative_is_a_correction_that_restricts_the_new_and_frees_the_old_Art9_consumption_rules_Art3_para2()
    {
        var subject = SubjectOf(Company());
        var id = Accepted(subject.CreateListing(EntityListingRequest(persons: [Representative, Manager]), By(Liwan)));
        subject.State.Outbox.Clear();
        var successor = new ResponsiblePerson(SubjectId.For(ResidentBornOn(new DateOnly(1970, 1, 1))), "赵六", ResponsibleRole.LegalRepresentative);

        Accepted(subject.CorrectListing(new CorrectListing(id, "法定代表人变更", null, null, null, null, null, null, null, null, [successor, Manager]), By(Liwan)));

        var listing = subject.State.Listings[0];
        Assert.Equal((ListingStatus.Active, null), (listing.Status, listing.End));
        Assert.Equal([successor, Manager], listing.ResponsiblePersons);
        Assert.Equal(RestrictionStatus.Active, subject.State.Restrictions[0].Status);
        var record = subject.State.History[^1];
        Assert.Equal(ChangeKind.ListingCorrected, record.Kind);
        Assert.Equal("responsiblePersons", Assert.Single(record.Fields).Field);
        Assert.DoesNotContain(subject.State.History, h => h.Kind == ChangeKind.ListingRemoved);
        var lift = Assert.Single(Lifts(subject));
        Assert.Equal((Representative.Person, RestrictionLiftReason.NoLongerResponsible), (lift.Target, lift.Lift!.Reason));
        var restrict = Assert.Single(Restricts(subject));
        Assert.Equal((successor.Person, ResponsibleRole.LegalRepresentative, (Guid?)id), (restrict.Target, restrict.Restrict!.Role, restrict.Restrict.ListingId));
    }

    [Fact]
    public void A_person_who_stays_under_another_role_is_not_freed_but_told_the_new_role()
    {
        var subject = SubjectOf(Company());
        var id = Accepted(subject.CreateListing(EntityListingRequest(persons: [Representative, Manager]), By(Liwan)));
        subject.State.Outbox.Clear();

        Accepted(subject.CorrectListing(new CorrectListing(id, "职务更正", null, null, null, null, null, null, null, null,
            [Representative, Manager with { Role = ResponsibleRole.ActualController }]), By(Liwan)));

        // One delivery, to the person whose role changed, which their grain applies to the restriction they keep.
        var delivery = Assert.Single(subject.State.Outbox);
        Assert.Equal((Manager.Person, ResponsibleRole.ActualController), (delivery.Target, delivery.Restrict!.Role));
        Assert.Equal(ResponsibleRole.ActualController, subject.State.Listings[0].ResponsiblePersons![1].Role);
    }

    [Fact]
    public void A_person_named_again_after_being_freed_is_restricted_again()
    {
        var subject = SubjectOf(Company());
        var id = Accepted(subject.CreateListing(EntityListingRequest(persons: [Representative, Manager]), By(Liwan)));
        var first = Restricts(subject).Single(d => d.Target == Manager.Person).Context.IdempotencyKey;
        Accepted(subject.CorrectListing(new CorrectListing(id, "误列", null, null, null, null, null, null, null, null, [Representative]), By(Liwan)));
        subject.State.Outbox.Clear();

        Accepted(subject.CorrectListing(new CorrectListing(id, "恢复", null, null, null, null, null, null, null, null, [Representative, Manager]), By(Liwan)));

        var again = Assert.Single(Restricts(subject));
        Assert.NotEqual(first, again.Context.IdempotencyKey);
    }

    [Fact]
    public void An_entitys_own_restriction_names_its_responsible_persons_and_restricts_each_consumption_rules_Art3_para2()
    {
        var subject = SubjectOf(Company());

        var id = Accepted(subject.ImposeRestriction(EntityRestrictionRequest(persons: [Representative, Accountant]), By(Liwan)));

        Assert.Equal([Representative, Accountant], subject.State.Restrictions[0].ResponsiblePersons);
        var deliveries = Restricts(subject);
        Assert.Equal([Representative.Person, Accountant.Person], deliveries.Select(d => d.Target));
        Assert.All(deliveries, d => Assert.Equal((null, (Guid?)id, LiwanCase, "(2025)粤0103执100号限制消费令"),
            (d.Restrict!.ListingId, d.Restrict.EntityRestrictionId, d.Restrict.CaseNumber, d.Restrict.DecisionNumber)));
    }

    [Fact]
    public void An_entitys_own_restriction_without_its_legal_representative_is_refused_consumption_rules_Art3_para2()
    {
        var subject = SubjectOf(Company());

        Refused(subject.ImposeRestriction(EntityRestrictionRequest(persons: []), By(Liwan)), RefusalKind.Invalid, "responsiblePersons");
        Refused(subject.ImposeRestriction(EntityRestrictionRequest(persons: [Manager]), By(Liwan)), RefusalKind.Invalid, "responsiblePersons");
        Assert.Empty(subject.State.Restrictions);
    }

    [Fact]
    public void Lifting_the_entitys_own_restriction_frees_its_responsible_persons()
    {
        var subject = SubjectOf(Company());
        var id = Accepted(subject.ImposeRestriction(EntityRestrictionRequest(persons: [Representative, Accountant]), By(Liwan)));
        subject.State.Outbox.Clear();

        Accepted(subject.LiftRestriction(new LiftRestriction(id, RestrictionLiftReason.CreditorConsent, "申请执行人同意"), By(Liwan)));

        var lifts = Lifts(subject);
        Assert.Equal([Representative.Person, Accountant.Person], lifts.Select(d => d.Target));
        Assert.All(lifts, d => Assert.Equal((null, (Guid?)id, RestrictionLiftReason.CreditorConsent), (d.Lift!.ListingId, d.Lift.EntityRestrictionId, d.Lift.Reason)));
    }

    [Fact]
    public void Correcting_the_persons_of_the_entitys_own_restriction_restricts_the_new_and_frees_the_old()
    {
        var subject = SubjectOf(Company());
        var id = Accepted(subject.ImposeRestriction(EntityRestrictionRequest(persons: [Representative, Accountant]), By(Liwan)));
        subject.State.Outbox.Clear();

        Accepted(subject.CorrectRestriction(new CorrectRestriction(id, "直接责任人员变更", [Representative, Manager]), By(Liwan)));

        Assert.Equal([Representative, Manager], subject.State.Restrictions[0].ResponsiblePersons);
        Assert.Equal(ChangeKind.RestrictionCorrected, subject.State.History[^1].Kind);
        Assert.Equal((Accountant.Person, RestrictionLiftReason.NoLongerResponsible), (Assert.Single(Lifts(subject)).Target, Lifts(subject)[0].Lift!.Reason));
        Assert.Equal(Manager.Person, Assert.Single(Restricts(subject)).Target);
    }

    [Fact]
    public void A_listings_restriction_is_corrected_through_the_listing_and_a_correction_must_change_someone()
    {
        var subject = SubjectOf(Company());
        Accepted(subject.CreateListing(EntityListingRequest(), By(Liwan)));
        var own = Accepted(subject.ImposeRestriction(EntityRestrictionRequest(OtherLiwanCase), By(Liwan)));

        Refused(subject.CorrectRestriction(new CorrectRestriction(subject.State.Restrictions[0].Id, "变更", [Representative]), By(Liwan)), RefusalKind.Conflict, "restrictionId");
        Refused(subject.CorrectRestriction(new CorrectRestriction(own, "变更", [Representative]), By(Liwan)), RefusalKind.Invalid, "responsiblePersons");
        Refused(subject.CorrectRestriction(new CorrectRestriction(own, "变更", [Manager]), By(Liwan)), RefusalKind.Invalid, "responsiblePersons");
        Refused(subject.CorrectRestriction(new CorrectRestriction(own, "变更", [Representative, Manager]), By(Yuexiu)), RefusalKind.Forbidden, "restrictionId");
    }

    [Fact]
    public void Responsible_person_is_restricted_personally_with_their_role_consumption_rules_Art3_para2()
    {
        var entity = Company();
        var listing = Guid.NewGuid();
        var subject = SubjectOf(Controller.Person);

        var id = Accepted(subject.RestrictAsResponsiblePerson(new RestrictAsResponsiblePerson(" John Smith ", entity, CompanyName, listing, LiwanCase, PublicationDate,
            ResponsibleRole.ActualController, null, Sex.Male, new DateOnly(1970, 1, 2), "(2025)粤0103执100号之一", PublicationDate), By(Liwan)));

        var restriction = Assert.Single(subject.State.Restrictions);
        Assert.Equal((id, RestrictionBasis.ResponsiblePerson, entity, CompanyName, (Guid?)listing, ResponsibleRole.ActualController),
            (restriction.Id, restriction.Basis, restriction.RepresentedEntity, restriction.RepresentedEntityName, restriction.SourceListingId, restriction.Role));
        Assert.Equal(new SubjectProfile(subject.Id, "John Smith", Sex.Male, new DateOnly(1970, 1, 2)), subject.State.Profile);
        Assert.Empty(subject.State.Listings); // never listed for the entity's debt
        var hold = Assert.Single(InterceptionProfile.Of(subject.State.ToSnapshot()!).Holds);
        Assert.Equal((CompanyName, "(2025)粤0103执100号之一"), (hold.RepresentedEntity, hold.DecisionNumber));
    }

    [Fact]
    public void A_delivery_stored_before_roles_were_recorded_restricts_a_legal_representative()
    {
        var subject = SubjectOf(Representative.Person);

        Accepted(subject.RestrictAsResponsiblePerson(new RestrictAsResponsiblePerson("李四", Company(), CompanyName, Guid.NewGuid(), LiwanCase, PublicationDate), By(Liwan)));

        Assert.Equal(ResponsibleRole.LegalRepresentative, subject.State.Restrictions[0].Role);
        Assert.Equal(new SubjectProfile(subject.Id, "李四", Sex.Male, new DateOnly(1975, 8, 20)), subject.State.Profile);
    }

    [Fact]
    public void Repeated_delivery_restricts_the_person_once()
    {
        var command = new RestrictAsResponsiblePerson("李四", Company(), CompanyName, null, LiwanCase, PublicationDate, EntityRestrictionId: Guid.NewGuid());
        var subject = SubjectOf(Representative.Person);
        var first = Accepted(subject.RestrictAsResponsiblePerson(command, By(Liwan)));

        var second = Accepted(subject.RestrictAsResponsiblePerson(command, By(Liwan)));

        Assert.Equal(first, second);
        Assert.Single(subject.State.Restrictions);
    }

    [Fact]
    public void An_entity_does_not_answer_for_an_entity()
    {
        var command = new RestrictAsResponsiblePerson("某公司", Company(), CompanyName, Guid.NewGuid(), LiwanCase, PublicationDate);

        Refused(SubjectOf(Company("91440101MA59ABCDE")).RestrictAsResponsiblePerson(command, By(Liwan)), RefusalKind.Invalid, "responsiblePersons");
    }

    [Fact]
    public void Unborn_person_is_not_restricted_for_an_entity()
    {
        var subject = SubjectOf(Person(bornOn: Today.AddDays(30)));

        var decision = subject.RestrictAsResponsiblePerson(new RestrictAsResponsiblePerson("李四", Company(), CompanyName, Guid.NewGuid(), LiwanCase, Today), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "responsiblePersons");
        Assert.Empty(subject.State.Restrictions);
    }

    [Fact]
    public void A_persons_restriction_ends_with_the_entitys_own_restriction_and_not_on_its_own()
    {
        var entity = Company();
        var entityRestriction = Guid.NewGuid();
        var subject = SubjectOf(Representative.Person);
        var id = Accepted(subject.RestrictAsResponsiblePerson(
            new RestrictAsResponsiblePerson("李四", entity, CompanyName, null, LiwanCase, PublicationDate, EntityRestrictionId: entityRestriction), By(Liwan)));
        var byListing = Accepted(subject.RestrictAsResponsiblePerson(new RestrictAsResponsiblePerson("李四", entity, CompanyName, Guid.NewGuid(), LiwanCase, PublicationDate), By(Liwan)));

        Refused(subject.LiftRestriction(new LiftRestriction(id, RestrictionLiftReason.Guarantee, "已提供担保"), By(Liwan)), RefusalKind.Conflict, "restrictionId");
        Assert.Equal(id, Accepted(subject.LiftResponsiblePersonRestriction(
            new LiftResponsiblePersonRestriction(entity, null, RestrictionLiftReason.CreditorConsent, "同意解除", entityRestriction), By(Liwan))));

        Assert.Equal(RestrictionStatus.Lifted, subject.State.Restrictions.Single(r => r.Id == id).Status);
        Assert.Equal(RestrictionStatus.Active, subject.State.Restrictions.Single(r => r.Id == byListing).Status);
    }

    [Fact]
    public void Lift_for_an_unknown_entity_item_changes_nothing()
    {
        var subject = SubjectOf(Representative.Person);
        Accepted(subject.RestrictAsResponsiblePerson(new RestrictAsResponsiblePerson("李四", Company(), CompanyName, Guid.NewGuid(), LiwanCase, PublicationDate), By(Liwan)));

        var decision = subject.LiftResponsiblePersonRestriction(new LiftResponsiblePersonRestriction(Company(), Guid.NewGuid(), RestrictionLiftReason.ListingRemoved, "企业已履行"), By(Liwan));

        Assert.Equal((true, Guid.Empty), (decision.Accepted, decision.ItemId));
        Assert.Equal(RestrictionStatus.Active, subject.State.Restrictions[0].Status);
    }

    [Fact]
    public void Performance_after_an_entity_listing_expired_frees_its_persons_consumption_rules_Art9()
    {
        var clock = ClockOn(Today);
        var subject = SubjectOf(Company(), clock);
        var listing = Accepted(subject.CreateListing(EntityListingRequest(grounds: [Finding(DishonestGround.FailsToReportProperty)]), By(Liwan)));
        subject.State.Outbox.Clear(); // the restriction was delivered
        clock.SetUtcNow(ChinaInstant(new DateOnly(2027, 3, 2), new TimeOnly(9, 0)));
        Assert.True(subject.ExpireDue());
        var restriction = subject.State.Restrictions.Single(r => r.SourceListingId == listing).Id;

        Accepted(subject.LiftRestriction(new LiftRestriction(restriction, RestrictionLiftReason.ObligationPerformed, "企业已全部履行"), By(Liwan)));

        var lift = Assert.Single(subject.State.Outbox);
        Assert.Equal((Representative.Person, (Guid?)listing), (lift.Target, lift.Lift?.ListingId));
    }

    [Fact]
    public void Entity_listing_hold_names_the_legal_representative_for_the_agencies_Art6()
    {
        var subject = SubjectOf(Company());
        Accepted(subject.CreateListing(EntityListingRequest(persons: [Manager, Representative]), By(Liwan)));

        var holds = InterceptionProfile.Of(subject.State.ToSnapshot()!).Holds;

        Assert.Equal("李四", holds.Single(h => h.Trigger == InterceptionTriggers.DishonestListing).LegalRepresentative);
    }

    [Theory]
    [InlineData(ResponsibleRole.LegalRepresentative)]
    [InlineData(ResponsibleRole.MainResponsiblePerson)]
    [InlineData(ResponsibleRole.DirectlyResponsiblePerson)]
    public void Exit_ban_for_an_entitys_debt_targets_a_named_person_with_their_role_enforcement_interpretation_Art24(ResponsibleRole role)
    {
        var subject = SubjectOf(Person());
        var debt = new EntityDebt(Company(), CompanyName, role);

        var id = Accepted(subject.ImposeExitBan(ExitBanRequest(forEntity: debt), By(Liwan)));

        Assert.Equal(debt, subject.State.ExitBans[0].ForEntity);
        Assert.Contains($"as {role} of {debt.Entity}", subject.State.History[^1].Reason);
        Assert.Equal(CompanyName, InterceptionProfile.Of(subject.State.ToSnapshot()!).Holds.Single(h => h.ItemId == id).RepresentedEntity);
    }

    [Fact]
    public void Exit_ban_for_an_entitys_debt_is_not_imposed_on_its_actual_controller_or_for_a_non_entity_enforcement_interpretation_Art24()
    {
        var decision = SubjectOf(Person()).ImposeExitBan(ExitBanRequest(forEntity: new EntityDebt(Company(), CompanyName, ResponsibleRole.ActualController)), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "forEntity.role");
        Assert.Contains("Art. 24", decision.Refusal!.Rule);
        Refused(SubjectOf(Person()).ImposeExitBan(ExitBanRequest(forEntity: new EntityDebt(Person(), "张三", ResponsibleRole.LegalRepresentative)), By(Liwan)),
            RefusalKind.Invalid, "forEntity.creditCode");
        Refused(SubjectOf(Person()).ImposeExitBan(ExitBanRequest(forEntity: new EntityDebt(Company(), " ", ResponsibleRole.LegalRepresentative)), By(Liwan)),
            RefusalKind.Invalid, "forEntity.name");
    }
}
