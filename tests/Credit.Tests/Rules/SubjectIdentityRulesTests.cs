using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>Who the subject is: read from the resident ID (GB 11643-1999), stated for a passport or
/// permit, and the same on every later command.</summary>
public sealed class SubjectIdentityRulesTests
{
    [Fact]
    public void Sex_and_birth_date_are_read_from_the_resident_id_not_sent()
    {
        Refused(SubjectOf(Person()).CreateListing(ListingRequest(subject: new SubjectDetails(PersonName, Sex.Male, null)), By(Liwan)),
            RefusalKind.Invalid, "subject.sex");
        Refused(SubjectOf(Person()).CreateListing(ListingRequest(subject: new SubjectDetails(PersonName, null, new DateOnly(1980, 5, 12))), By(Liwan)),
            RefusalKind.Invalid, "subject.birthDate");
    }

    [Fact]
    public void Resident_id_with_a_birth_date_after_today_is_refused()
    {
        var subject = SubjectOf(Person(bornOn: Today.AddDays(1)));

        Refused(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)), RefusalKind.Invalid, "subject.number");
    }

    [Fact]
    public void Entity_has_no_sex_or_birth_date()
    {
        var subject = SubjectOf(Company());

        Refused(subject.ImposeRestriction(RestrictionRequest(subject: new SubjectDetails(CompanyName, Sex.Male, null)), By(Liwan)), RefusalKind.Invalid, "subject.sex");
    }

    [Fact]
    public void Passport_holder_needs_sex_and_a_past_birth_date()
    {
        Assert.True(SubjectId.TryCreate(DocumentType.Passport, "E12345678", out var passport, out _));

        Refused(SubjectOf(passport).ImposeRestriction(RestrictionRequest(subject: new SubjectDetails("John Smith", null, new DateOnly(1980, 1, 1))), By(Liwan)),
            RefusalKind.Invalid, "subject.sex");
        Refused(SubjectOf(passport).ImposeRestriction(RestrictionRequest(subject: new SubjectDetails("John Smith", Sex.Male, null)), By(Liwan)),
            RefusalKind.Invalid, "subject.birthDate");
        Refused(SubjectOf(passport).ImposeRestriction(RestrictionRequest(subject: new SubjectDetails("John Smith", Sex.Male, Today.AddDays(1))), By(Liwan)),
            RefusalKind.Invalid, "subject.birthDate");
        var subject = SubjectOf(passport);
        Accepted(subject.ImposeRestriction(RestrictionRequest(subject: new SubjectDetails("John Smith", Sex.Male, new DateOnly(1980, 1, 1))), By(Liwan)));
        Assert.Equal(new SubjectProfile(passport, "John Smith", Sex.Male, new DateOnly(1980, 1, 1)), subject.State.Profile);
    }

    [Fact]
    public void Name_is_required()
    {
        Refused(SubjectOf(Person()).ImposeRestriction(RestrictionRequest(subject: Named(" ")), By(Liwan)), RefusalKind.Invalid, "subject.name");
    }

    [Fact]
    public void Known_subject_under_a_different_name_is_refused()
    {
        var subject = SubjectOf(Person());
        Accepted(subject.ImposeRestriction(RestrictionRequest(), By(Liwan)));

        Refused(subject.CreateListing(ListingRequest(subject: Named("张叁")), By(Liwan)), RefusalKind.Conflict, "subject.name");
        Accepted(subject.CreateListing(ListingRequest(subject: Named(" " + PersonName + " ")), By(Liwan)));
    }

    [Fact]
    public void Known_passport_holder_with_a_different_birth_date_is_refused()
    {
        Assert.True(SubjectId.TryCreate(DocumentType.Passport, "E12345678", out var passport, out _));
        var subject = SubjectOf(passport);
        Accepted(subject.ImposeRestriction(RestrictionRequest(subject: new SubjectDetails("John Smith", Sex.Male, new DateOnly(1980, 1, 1))), By(Liwan)));

        var decision = subject.ImposeRestriction(RestrictionRequest(OtherLiwanCase, subject: new SubjectDetails("John Smith", Sex.Male, new DateOnly(1980, 1, 2))), By(Liwan));

        Refused(decision, RefusalKind.Conflict, "subject.birthDate");
    }
}
