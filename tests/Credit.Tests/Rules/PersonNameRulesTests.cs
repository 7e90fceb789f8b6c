using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Subjects;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>One person, one name (list rules Arts. 6 and 9): the name published with an entity's listing for its legal
/// representative is the name the agencies hold for that person, whichever path the name took.</summary>
public sealed class PersonNameRulesTests
{
    private static Subject EntityKnowing(SubjectProfile person)
    {
        var entity = SubjectOf(Company());
        entity.PersonRecords = new Dictionary<Grains.Interfaces.Identifiers.SubjectId, SubjectProfile> { [person.Id] = person };
        return entity;
    }

    private static SubjectProfile Recorded(string name) =>
        new(Representative.Person, name, Representative.Person.ResidentId!.Value.Sex, Representative.Person.ResidentId!.Value.BirthDate);

    [Fact]
    public void A_known_person_named_under_another_name_is_refused_pointing_to_the_persons_name_correction_Art9()
    {
        var entity = EntityKnowing(Recorded("孙七"));

        var listing = entity.CreateListing(EntityListingRequest(persons: [Representative with { Name = "赵陆" }]), By(Liwan));
        var restriction = entity.ImposeRestriction(EntityRestrictionRequest(persons: [Representative with { Name = "赵陆" }]), By(Liwan));

        Refused(listing, RefusalKind.Conflict, "responsiblePersons[0].name");
        Assert.Contains("'孙七'", listing.Refusal!.Rule);
        Assert.Contains("/api/v1/subjects/resident-id/{number}/name-correction", listing.Refusal.Rule);
        Refused(restriction, RefusalKind.Conflict, "responsiblePersons[0].name");
        Assert.Empty(entity.State.Outbox);
        // Under the recorded name (spaces aside) the person is named as any other.
        Accepted(entity.CreateListing(EntityListingRequest(persons: [Representative with { Name = " 孙七 " }]), By(Liwan)));
    }

    [Fact]
    public void An_entitys_correction_that_renames_its_representative_is_refused_while_other_corrections_pass()
    {
        var entity = SubjectOf(Company());
        var listing = Accepted(entity.CreateListing(EntityListingRequest(persons: [Representative with { Name = "孙七" }]), By(Liwan)));
        entity.PersonRecords = new Dictionary<Grains.Interfaces.Identifiers.SubjectId, SubjectProfile> { [Representative.Person] = Recorded("孙七") };

        var renaming = entity.CorrectListing(new CorrectListing(listing, "更正姓名", null, null, null, null, null, null, null, null,
            [Representative with { Name = "孙琪" }]), By(Liwan));

        Refused(renaming, RefusalKind.Conflict, "responsiblePersons[0].name");
        Assert.Equal("孙七", entity.State.Listings[0].ResponsiblePersons![0].Name);
        Accepted(entity.CorrectListing(new CorrectListing(listing, "金额更正", null, null, null, 140_000m, null, null, null, null, null), By(Liwan)));
    }

    [Fact]
    public void A_persons_name_correction_owes_each_entity_they_answer_for_a_notice_until_acknowledged()
    {
        var entity = Company();
        var person = SubjectOf(Representative.Person);
        Accepted(person.RestrictAsResponsiblePerson(new RestrictAsResponsiblePerson("孙七", entity, CompanyName, Guid.NewGuid(), LiwanCase, PublicationDate), By(Liwan)));
        Assert.Empty(person.State.NameNotices);

        Accepted(person.CorrectName(new CorrectSubjectName("孙琪", "身份证姓名为孙琪"), By(Liwan)));

        var notice = Assert.Single(person.State.NameNotices);
        Assert.Equal((entity, person.State.Version, Liwan), (notice.Entity, notice.Version, notice.Context.Court));
        Assert.False(person.AcknowledgeNameNotice(entity, notice.Version - 1));
        Assert.True(person.AcknowledgeNameNotice(entity, notice.Version));
        Assert.Empty(person.State.NameNotices);
    }

    [Fact]
    public void The_entity_carries_the_persons_corrected_name_into_its_items_in_force_and_records_it()
    {
        var entity = SubjectOf(Company());
        var listing = Accepted(entity.CreateListing(EntityListingRequest(persons: [Representative with { Name = "孙七" }]), By(Liwan)));
        var restriction = Accepted(entity.ImposeRestriction(EntityRestrictionRequest(caseNumber: OtherLiwanCase, persons: [Representative with { Name = "孙七" }]), By(Liwan)));

        Accepted(entity.AdoptPersonName(Recorded("孙琪"), By(Yuexiu, "person-name:1")));

        Assert.Equal("孙琪", entity.State.Listings.Single(l => l.Id == listing).ResponsiblePersons.LegalRepresentativeName());
        Assert.Equal("孙琪", entity.State.Restrictions.Single(r => r.Id == restriction).ResponsiblePersons.LegalRepresentativeName());
        var records = entity.State.History.TakeLast(2).ToList();
        Assert.Equal([ChangeKind.ListingCorrected, ChangeKind.RestrictionCorrected], records.Select(r => r.Kind));
        Assert.All(records, r => Assert.Equal(Yuexiu, r.Court));
        Assert.Contains("孙琪", records[0].Fields.Single().After);
        // A repeated notice finds nothing to change, and changes nothing.
        var version = entity.State.Version;
        Refused(entity.AdoptPersonName(Recorded("孙琪"), By(Yuexiu, "person-name:2")), RefusalKind.Invalid, "responsiblePersons");
        Assert.Equal(version, entity.State.Version);
    }

    [Fact]
    public void A_person_named_by_a_second_entity_under_another_name_keeps_the_recorded_name_and_tells_that_entity()
    {
        var (first, second) = (Company(), Company("91440101MA59ABCDE"));
        var person = SubjectOf(Representative.Person);
        Accepted(person.RestrictAsResponsiblePerson(new RestrictAsResponsiblePerson("孙七", first, CompanyName, Guid.NewGuid(), LiwanCase, PublicationDate), By(Liwan)));

        Accepted(person.RestrictAsResponsiblePerson(new RestrictAsResponsiblePerson("赵陆", second, "广州另一公司", Guid.NewGuid(), YuexiuCase, PublicationDate), By(Yuexiu)));

        Assert.Equal("孙七", person.State.Profile!.Name);
        Assert.Equal(second, Assert.Single(person.State.NameNotices).Entity);
        Assert.Equal(2, person.State.Restrictions.Count(r => r.Status == RestrictionStatus.Active));
    }

    [Fact]
    public void An_entitys_corrected_name_reaches_the_restrictions_of_the_persons_who_answer_for_it()
    {
        var entity = SubjectOf(Company());
        var listing = Accepted(entity.CreateListing(EntityListingRequest(), By(Liwan)));
        entity.State.Outbox.Clear();

        Accepted(entity.CorrectName(new CorrectSubjectName("广州某某商贸有限公司", "营业执照名称"), By(Liwan)));

        var delivery = Assert.Single(entity.State.Outbox).Restrict!;
        Assert.Equal(("广州某某商贸有限公司", (Guid?)listing), (delivery.EntityName, delivery.ListingId));
        var person = SubjectOf(Representative.Person);
        // The person was restricted by the listing's first delivery, under the entity's name as it was then.
        Accepted(person.RestrictAsResponsiblePerson(delivery with { EntityName = CompanyName }, By(Liwan)));
        var restriction = Accepted(person.RestrictAsResponsiblePerson(delivery, By(Liwan)));
        Assert.Equal("广州某某商贸有限公司", person.State.Restrictions.Single(r => r.Id == restriction).RepresentedEntityName);
        Assert.Equal(new FieldChange("representedEntityName", CompanyName, "广州某某商贸有限公司"), Assert.Single(person.State.History[^1].Fields));
        Assert.Single(person.State.Restrictions);
    }
}
