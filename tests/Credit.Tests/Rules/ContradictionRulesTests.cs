using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Objections;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>Changes that would leave the subject's measures contradicting each other or the law: a child answering for a
/// company, a resident ID hidden as a passport, a debt recorded as paid under a listing still published, an upheld
/// objection that was never filed.</summary>
public sealed class ContradictionRulesTests
{
    private static readonly DateOnly ElevenYearsOld = Today.AddYears(-11);

    private static ResponsiblePerson ChildRepresentative =>
        new(SubjectId.For(ResidentBornOn(ElevenYearsOld)), "李小四", ResponsibleRole.LegalRepresentative);

    [Fact]
    public void A_minor_cannot_answer_for_an_entity_in_a_listing_Art4()
    {
        var subject = SubjectOf(Company());

        var decision = subject.CreateListing(EntityListingRequest(persons: [ChildRepresentative]), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "responsiblePersons[0].number");
        Assert.Contains("minor", decision.Refusal!.Rule);
        Assert.Empty(subject.State.Outbox);
    }

    [Fact]
    public void A_minor_cannot_answer_for_an_entity_in_its_restriction_nor_be_named_by_a_correction()
    {
        Refused(SubjectOf(Company()).ImposeRestriction(EntityRestrictionRequest(persons: [ChildRepresentative]), By(Liwan)),
            RefusalKind.Invalid, "responsiblePersons[0].number");

        var subject = SubjectOf(Company());
        var listing = Accepted(subject.CreateListing(EntityListingRequest(), By(Liwan)));
        Refused(subject.CorrectListing(new CorrectListing(listing, "法定代表人变更", null, null, null, null, null, null, null, null, [ChildRepresentative]), By(Liwan)),
            RefusalKind.Invalid, "responsiblePersons[0].number");
    }

    [Fact]
    public void A_passport_holder_named_with_a_minors_birth_date_is_refused()
    {
        Assert.True(SubjectId.TryCreate(DocumentType.Passport, "E12345678", out var passport, out _));
        var child = new ResponsiblePerson(passport, "Tom Lee", ResponsibleRole.DirectlyResponsiblePerson, Sex.Male, ElevenYearsOld);

        Refused(SubjectOf(Company()).CreateListing(EntityListingRequest(persons: [Representative, child]), By(Liwan)),
            RefusalKind.Invalid, "responsiblePersons[1].birthDate");
    }

    [Fact]
    public void A_person_who_turned_adult_by_the_publication_date_may_answer_for_an_entity()
    {
        var adultSince = new ResponsiblePerson(SubjectId.For(ResidentBornOn(PublicationDate.AddYears(-18).AddDays(-1))), "王五", ResponsibleRole.LegalRepresentative);

        Accepted(SubjectOf(Company()).CreateListing(EntityListingRequest(persons: [adultSince]), By(Liwan)));
    }

    [Fact]
    public void A_minor_is_not_exit_banned_for_an_entitys_debt()
    {
        var subject = SubjectOf(Person(ElevenYearsOld));
        var debt = new EntityDebt(Company(), CompanyName, ResponsibleRole.LegalRepresentative);

        Refused(subject.ImposeExitBan(ExitBanRequest(forEntity: debt), By(Liwan)), RefusalKind.Invalid, "subject.number");
    }

    [Theory]
    [InlineData(DocumentType.Passport)]
    [InlineData(DocumentType.HongKongMacaoPermit)]
    public void A_valid_resident_id_is_not_taken_as_a_passport_or_permit_number(DocumentType type)
    {
        var resident = ResidentBornOn(new DateOnly(1984, 4, 4)).Value;

        Assert.False(SubjectId.TryCreate(type, resident, out _, out var error));
        Assert.Contains("resident ID", error);
        // Nor one with a typing error in its check character, nor one of the 15-digit numbers issued before 1999.
        var mistyped = resident[..17] + (resident[17] == '0' ? '1' : '0');
        Assert.False(SubjectId.TryCreate(type, mistyped, out _, out _));
        Assert.False(SubjectId.TryCreate(type, resident[..6] + resident[8..17], out _, out _));
        // Passport numbers are letters and digits of other shapes.
        Assert.True(SubjectId.TryCreate(type, "E12345678", out _, out _));
        Assert.True(SubjectId.TryCreate(type, "123456789012345678", out _, out _));
        // A key stored before the rule still loads.
        Assert.True(SubjectId.TryParse($"{type.Prefix()}:{resident}", null, out _));
    }

    [Fact]
    public void Performance_is_not_recorded_on_a_restriction_while_the_cases_listing_stays_published_Art10_para1()
    {
        var subject = SubjectOf(Person());
        var listing = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));
        var restriction = Accepted(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)));

        var performed = subject.LiftRestriction(new LiftRestriction(restriction, RestrictionLiftReason.ObligationPerformed, "已履行"), By(Liwan));
        Refused(performed, RefusalKind.Conflict, "reason");
        Assert.Contains(listing.ToString(), performed.Refusal!.Rule);
        Refused(subject.LiftRestriction(new LiftRestriction(restriction, RestrictionLiftReason.EnforcementEnded, "终结执行"), By(Liwan)), RefusalKind.Conflict, "reason");
        // Another ground, or a restriction of another case, is lifted as before.
        Accepted(subject.LiftRestriction(new LiftRestriction(restriction, RestrictionLiftReason.Guarantee, "已提供担保"), By(Liwan)));
        var other = Accepted(subject.ImposeRestriction(RestrictionRequest(OtherLiwanCase), By(Liwan)));
        Accepted(subject.LiftRestriction(new LiftRestriction(other, RestrictionLiftReason.ObligationPerformed, "已履行"), By(Liwan)));
    }

    [Fact]
    public void Performance_is_not_recorded_on_an_exit_ban_while_the_cases_listing_stays_published_Art10_para1()
    {
        var subject = SubjectOf(Person());
        Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));
        var ban = Accepted(subject.ImposeExitBan(ExitBanRequest(), By(Liwan)));

        Refused(subject.LiftExitBan(new LiftExitBan(ban, ExitBanLiftReason.FullPerformance, "已履行"), By(Liwan)), RefusalKind.Conflict, "reason");
        Refused(subject.LiftExitBan(new LiftExitBan(ban, ExitBanLiftReason.EnforcementEnded, "终结执行"), By(Liwan)), RefusalKind.Conflict, "reason");
        Accepted(subject.LiftExitBan(new LiftExitBan(ban, ExitBanLiftReason.Guarantee, "已提供担保"), By(Liwan)));
    }

    [Fact]
    public void A_revocation_for_an_upheld_objection_needs_the_objection_Art12()
    {
        var subject = SubjectOf(Person());
        var listing = Accepted(subject.CreateListing(ListingRequest(), By(Liwan)));

        var unfounded = subject.RemoveListing(new RemoveListing(listing, RemovalReason.ObjectionUpheld, "异议成立", false), By(Liwan));
        Refused(unfounded, RefusalKind.Conflict, "reason");
        Assert.Equal(ListingStatus.Active, subject.State.Listings[0].Status);

        var upheld = new ObjectionStep(2, ObjectionStepKind.Upheld, DateTimeOffset.UtcNow, Liwan, "clerk-007", "异议成立", ObjectionRemedy.Revoke);
        Accepted(subject.RecordObjectionStep(new ObjectionHistoryStep("2025-AAAA-BBBB-CCCC", listing, upheld), By(Liwan)));
        // The listing was wrong, so its restriction cannot be kept.
        Refused(subject.RemoveListing(new RemoveListing(listing, RemovalReason.ObjectionUpheld, "异议成立", true), By(Liwan)),
            RefusalKind.Invalid, "keepConsumptionRestriction");
        Accepted(subject.RemoveListing(new RemoveListing(listing, RemovalReason.ObjectionUpheld, "异议成立", false), By(Liwan)));
        Assert.Equal(RestrictionStatus.Lifted, subject.State.Restrictions[0].Status);
    }

    [Fact]
    public void An_exit_ban_does_not_start_before_its_cases_year()
    {
        var subject = SubjectOf(Person());

        Refused(subject.ImposeExitBan(ExitBanRequest(start: new DateOnly(LiwanCase.Year - 1, 12, 20), end: Today.AddMonths(1)), By(Liwan)),
            RefusalKind.Invalid, "startDate");
    }

    [Fact]
    public void An_exit_ban_not_yet_in_force_is_not_renewed()
    {
        var subject = SubjectOf(Person());
        var start = Today.AddMonths(2);
        var ban = Accepted(subject.ImposeExitBan(ExitBanRequest(start: start, end: start.AddMonths(6)), By(Liwan)));

        Refused(subject.RenewExitBan(new RenewExitBan(ban, start.AddMonths(12), "(2025)粤0103执100号之二", "续期"), By(Liwan)), RefusalKind.Conflict, "exitBanId");
        Assert.Equal(start.AddMonths(6), subject.State.ExitBans[0].EndDate);
    }

    [Fact]
    public void The_persons_of_a_restriction_kept_after_the_entitys_listing_was_removed_can_be_corrected()
    {
        var subject = SubjectOf(Company());
        var listing = Accepted(subject.CreateListing(EntityListingRequest(), By(Liwan)));
        Accepted(subject.RemoveListing(new RemoveListing(listing, RemovalReason.CreditorRequest, "申请执行人申请删除", KeepConsumptionRestriction: true), By(Liwan)));
        var kept = subject.State.Restrictions.Single(r => r.Status == RestrictionStatus.Active).Id;
        subject.State.Outbox.Clear();
        var successor = new ResponsiblePerson(SubjectId.For(ResidentBornOn(new DateOnly(1970, 1, 2))), "钱八", ResponsibleRole.LegalRepresentative);

        Accepted(subject.CorrectRestriction(new CorrectRestriction(kept, "法定代表人变更", [successor]), By(Liwan)));

        // The old representative is freed and the new one restricted, both following the listing the restriction came with.
        var freed = subject.State.Outbox.Single(d => d.Lift is not null);
        Assert.Equal((Representative.Person, listing), (freed.Target, freed.Lift!.ListingId));
        var restricted = subject.State.Outbox.Single(d => d.Restrict is not null);
        Assert.Equal((successor.Person, listing), (restricted.Target, restricted.Restrict!.ListingId));

        // Once lifted, the persons it names now are freed.
        subject.State.Outbox.Clear();
        Accepted(subject.LiftRestriction(new LiftRestriction(kept, RestrictionLiftReason.CreditorConsent, "申请执行人同意"), By(Liwan)));
        Assert.Equal(successor.Person, subject.State.Outbox.Single(d => d.Lift is not null).Target);
    }
}
