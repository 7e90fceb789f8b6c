using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>What a correction leaves behind: a person's own record after the entity renamed their role, the extensions of a
/// listing corrected to ground 1, and the answer to persons named on a person's listing.</summary>
public sealed class CorrectionFollowUpRulesTests
{
    private static CorrectListing Persons(Guid listing, params ResponsiblePerson[] persons) =>
        new(listing, "法定代表人变更", null, null, null, null, null, null, null, null, persons);

    [Fact]
    public void A_person_who_stays_under_another_role_is_told_of_it_and_their_record_says_so()
    {
        var entity = SubjectOf(Company());
        var listing = Accepted(entity.CreateListing(EntityListingRequest(), By(Liwan)));
        var successor = new ResponsiblePerson(SubjectId.For(ResidentBornOn(new DateOnly(1970, 1, 2))), "钱八", ResponsibleRole.LegalRepresentative);
        entity.State.Outbox.Clear();

        Accepted(entity.CorrectListing(Persons(listing, successor, Representative with { Role = ResponsibleRole.ActualController }), By(Liwan)));

        var demoted = entity.State.Outbox.Single(d => d.Target == Representative.Person);
        Assert.Equal(ResponsibleRole.ActualController, demoted.Restrict!.Role);
        var person = SubjectOf(Representative.Person);
        Accepted(person.RestrictAsResponsiblePerson(new RestrictAsResponsiblePerson("李四", entity.Id, CompanyName, listing, LiwanCase, PublicationDate), By(Liwan)));
        Accepted(person.RestrictAsResponsiblePerson(demoted.Restrict, By(Liwan)));
        var restriction = Assert.Single(person.State.Restrictions);
        Assert.Equal((ResponsibleRole.ActualController, RestrictionStatus.Active), (restriction.Role, restriction.Status));
        Assert.Equal(ChangeKind.RestrictionCorrected, person.State.History[^1].Kind);
    }

    [Fact]
    public void A_listing_corrected_to_ground_1_keeps_no_extension_Art2()
    {
        var subject = SubjectOf(Person());
        var listing = Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.ObstructsEnforcement)]), By(Liwan)));
        Accepted(subject.ExtendListing(new ExtendListing(listing, 3, "暴力抗拒执行", ExtensionCondition.ViolenceOrThreats), By(Liwan)));

        Accepted(subject.CorrectListing(new CorrectListing(listing, "失信情形录入错误", null, null, null, null, null,
            [Finding(DishonestGround.RefusesDespiteAbility)], null, null, null), By(Liwan)));

        Assert.Equal((0, (DateOnly?)null), (subject.State.Listings[0].ExtensionYears, subject.State.Listings[0].PeriodEnd));
        Assert.Contains(subject.State.History[^1].Fields, f => f == new FieldChange("extensionYears", "3", "0"));
    }

    [Fact]
    public void A_persons_listing_corrected_with_responsible_persons_is_told_only_an_entity_names_them()
    {
        var subject = SubjectOf(Person());
        var listing = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));

        var decision = subject.CorrectListing(Persons(listing), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "responsiblePersons");
        Assert.Contains("only an entity", decision.Refusal!.Rule);
    }

    [Fact]
    public void A_publication_date_corrected_to_one_whose_term_has_run_out_ends_the_listing_as_expired_Art9_Art10()
    {
        var subject = SubjectOf(Person(), ClockOn(new DateOnly(2027, 3, 10)));
        var typedLate = new DateOnly(2025, 3, 15);
        var listing = Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.ObstructsEnforcement)], publicationDate: typedLate), By(Liwan)));
        Assert.Equal(new DateOnly(2027, 3, 15), subject.State.Listings[0].PeriodEnd);

        var trueDate = new DateOnly(2025, 3, 1);
        Accepted(subject.CorrectListing(new CorrectListing(listing, "公布日期录入错误", null, null, null, null, null, null, null, trueDate, null,
            DecisionDate: trueDate), By(Liwan)));

        var ended = subject.State.Listings[0];
        Assert.Equal((ListingStatus.Expired, RemovalReason.TermExpired, (DateOnly?)new DateOnly(2027, 3, 1)), (ended.Status, ended.End?.Reason, ended.PeriodEnd));
        Assert.Equal([ChangeKind.ListingCorrected, ChangeKind.ListingExpired], subject.State.History.TakeLast(2).Select(h => h.Kind));
        Assert.Contains(subject.State.History[^2].Fields, f => f == new FieldChange("publicationDate", "2025-03-15", "2025-03-01"));
    }

    [Fact]
    public void A_publication_date_corrected_within_the_term_keeps_the_listing_in_force()
    {
        var subject = SubjectOf(Person(), ClockOn(new DateOnly(2027, 3, 10)));
        var listing = Accepted(subject.CreateListing(ListingRequest(grounds: [Finding(DishonestGround.ObstructsEnforcement)], publicationDate: new DateOnly(2025, 3, 20)), By(Liwan)));

        Accepted(subject.CorrectListing(new CorrectListing(listing, "公布日期录入错误", null, null, null, null, null, null, null, new DateOnly(2025, 3, 10), null,
            DecisionDate: new DateOnly(2025, 3, 10)), By(Liwan)));

        Assert.Equal((ListingStatus.Active, (DateOnly?)new DateOnly(2027, 3, 10)), (subject.State.Listings[0].Status, subject.State.Listings[0].PeriodEnd));
        Assert.Equal(ChangeKind.ListingCorrected, subject.State.History[^1].Kind);
    }
}
