using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>Art. 9: a wrong name is corrected, whatever item it was first recorded with; it is the subject's, so every item
/// carries the corrected one.</summary>
public sealed class NameCorrectionRulesTests
{
    [Fact]
    public void A_name_recorded_with_a_restriction_is_corrected_and_the_person_can_then_be_listed_under_it()
    {
        var subject = SubjectOf(Person());
        Accepted(subject.ImposeRestriction(RestrictionRequest(subject: Named("张叁")), By(Liwan)));
        var mismatch = subject.CreateListing(ListingRequest(subject: Named("张三")), By(Liwan));
        Refused(mismatch, RefusalKind.Conflict, "subject.name");
        Assert.Contains("name-correction", mismatch.Refusal!.Rule);

        Accepted(subject.CorrectName(new CorrectSubjectName(" 张三 ", "姓名录入错误"), By(Liwan)));

        Assert.Equal("张三", subject.State.Profile!.Name);
        var record = subject.State.History[^1];
        Assert.Equal((ChangeKind.SubjectRenamed, Liwan), (record.Kind, record.Court));
        Assert.Equal(new FieldChange("subject.name", "张叁", "张三"), Assert.Single(record.Fields));
        Accepted(subject.CreateListing(ListingRequest(subject: Named("张三")), By(Liwan)));
    }

    [Fact]
    public void Only_a_court_with_an_item_in_force_on_the_subject_corrects_its_name()
    {
        var subject = SubjectOf(Person());
        Refused(subject.CorrectName(new CorrectSubjectName("张三", "更正"), By(Liwan)), RefusalKind.NotFound, "subject");
        Accepted(subject.ImposeExitBan(ExitBanRequest(), By(Liwan)));

        Refused(subject.CorrectName(new CorrectSubjectName("张叁", "更正"), By(Yuexiu)), RefusalKind.Forbidden, "subject");
        Refused(subject.CorrectName(new CorrectSubjectName(PersonName, "更正"), By(Liwan)), RefusalKind.Invalid, "name");
        Refused(subject.CorrectName(new CorrectSubjectName("张叁", " "), By(Liwan)), RefusalKind.Invalid, "explanation");
        Refused(subject.CorrectName(new CorrectSubjectName("", "更正"), By(Liwan)), RefusalKind.Invalid, "name");
        Accepted(subject.CorrectName(new CorrectSubjectName("张叁", "更正"), By(Liwan)));
    }

    [Fact]
    public void A_name_that_differs_only_in_a_look_alike_character_is_refused_naming_the_characters_and_who_may_correct_it()
    {
        var subject = SubjectOf(Person());
        Accepted(subject.ImposeRestriction(RestrictionRequest(subject: Named("阿依古丽·买买提")), By(Liwan)));

        var decision = subject.CreateListing(ListingRequest(subject: Named("阿依古丽・买买提"), caseNumber: YuexiuCase), By(Yuexiu));

        Refused(decision, RefusalKind.Conflict, "subject.name");
        Assert.Contains("U+00B7 recorded, U+30FB sent", decision.Refusal!.Rule);
        Assert.Contains("粤0103", decision.Refusal.Rule);
        // Names that plainly differ are not explained character by character.
        Assert.DoesNotContain("U+", subject.CreateListing(ListingRequest(subject: Named("李四")), By(Liwan)).Refusal!.Rule);
    }

    [Fact]
    public void A_passport_holders_mistyped_sex_and_birth_date_are_corrected_and_the_right_ones_then_agree_Art6_Art9()
    {
        Assert.True(SubjectId.TryCreate(DocumentType.Passport, "E23456789", out var passport, out _));
        var subject = SubjectOf(passport);
        Accepted(subject.CreateListing(ListingRequest(subject: new SubjectDetails("John Smith", Sex.Male, new DateOnly(1970, 1, 1))), By(Liwan)));
        var right = new SubjectDetails("John Smith", Sex.Female, new DateOnly(1980, 2, 2));
        Refused(subject.ImposeRestriction(RestrictionRequest(subject: right, caseNumber: OtherLiwanCase), By(Liwan)), RefusalKind.Conflict, "subject.birthDate");

        Accepted(subject.CorrectName(new CorrectSubjectName("John Smith", "出生日期与性别录入错误", Sex.Female, new DateOnly(1980, 2, 2)), By(Liwan)));

        Assert.Equal((Sex.Female, (DateOnly?)new DateOnly(1980, 2, 2)), (subject.State.Profile!.Sex, subject.State.Profile.BirthDate));
        Assert.Equal(["subject.sex", "subject.birthDate"], subject.State.History[^1].Fields.Select(f => f.Field));
        Accepted(subject.ImposeRestriction(RestrictionRequest(subject: right, caseNumber: OtherLiwanCase), By(Liwan)));
    }

    [Fact]
    public void A_birth_date_is_not_corrected_for_a_resident_id_nor_to_one_that_makes_a_listed_person_a_minor_Art4()
    {
        var resident = SubjectOf(Person());
        Accepted(resident.CreateListing(ListingRequest(), By(Liwan)));
        Refused(resident.CorrectName(new CorrectSubjectName(PersonName, "更正", BirthDate: new DateOnly(1981, 1, 1)), By(Liwan)), RefusalKind.Invalid, "birthDate");

        Assert.True(SubjectId.TryCreate(DocumentType.Passport, "E34567890", out var passport, out _));
        var holder = SubjectOf(passport);
        Accepted(holder.CreateListing(ListingRequest(subject: new SubjectDetails("John Smith", Sex.Male, new DateOnly(1970, 1, 1))), By(Liwan)));
        var minor = holder.CorrectName(new CorrectSubjectName("John Smith", "更正", BirthDate: PublicationDate.AddYears(-17)), By(Liwan));
        Refused(minor, RefusalKind.Conflict, "birthDate");
        Assert.Contains("Art. 4", minor.Refusal!.Rule);
        Refused(holder.CorrectName(new CorrectSubjectName("John Smith", "更正", BirthDate: Today.AddDays(1)), By(Liwan)), RefusalKind.Invalid, "birthDate");
        Assert.Equal(new DateOnly(1970, 1, 1), holder.State.Profile!.BirthDate);
    }
}
