using Credit.Grains.Interfaces.Changes;
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
}
