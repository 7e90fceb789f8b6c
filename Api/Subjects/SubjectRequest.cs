using System.ComponentModel.DataAnnotations;
using Credit.Api.OpenApi;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Api.Subjects;

/// <summary>Who the subject is, as the court states it with its first listing, restriction or ban; later changes must state
/// the same.</summary>
/// <param name="Name">姓名 or 名称: the person's or entity's name (published, Art. 6); at most 100 characters.</param>
/// <param name="Sex">Only for passports and permits, where it is required; a resident ID carries it and an entity has none.</param>
/// <param name="BirthDate">Only for passports and permits, where it is required (a past date); a resident ID carries it and an entity
/// has none.</param>
/// <param name="ConfirmCreditCodeCheckOverride">The court confirms a real credit code whose check character fails (GB 32100-2015);
/// default false.</param>
/// <param name="NameCorrection">Only when the name recorded for the subject (by this or another court) is wrong and
/// <paramref name="Name"/> is the right one: why (Art. 9), at most 1000 characters. The change then corrects the recorded name
/// for every item of the subject, as <c>POST {subject}/name-correction</c> does, recorded in the history as SubjectRenamed by
/// this court; refused if the name sent is the recorded one, and in bulk files.</param>
public sealed record SubjectRequest(
    [property: Required, Example("张三")] string? Name,
    [property: Example("Male")] Sex? Sex,
    [property: Example("1980-05-12")] DateOnly? BirthDate,
    [property: Example(false)] bool? ConfirmCreditCodeCheckOverride,
    [property: Example("身份证姓名为张三，原录入为张叁")] string? NameCorrection = null)
{
    public static SubjectDetails ToDetails(SubjectRequest? request, RequestErrors errors)
    {
        var subject = errors.Required(request, "subject");
        return new SubjectDetails(errors.Text(subject?.Name, "subject.name"), subject?.Sex, errors.OptionalDate(subject?.BirthDate, "subject.birthDate"),
            subject?.NameCorrection);
    }
}
