using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Api.Subjects;

/// <summary>Who the subject is, as the court states it with its first listing, restriction or ban.</summary>
/// <param name="Name">姓名 or 名称: the person's or entity's name.</param>
/// <param name="Sex">Only for passports and permits; a resident ID carries it.</param>
/// <param name="BirthDate">Only for passports and permits; a resident ID carries it.</param>
/// <param name="ConfirmCreditCodeCheckOverride">The court confirms a real credit code whose check character fails (GB 32100-2015).</param>
public sealed record SubjectRequest(string? Name, Sex? Sex, DateOnly? BirthDate, bool? ConfirmCreditCodeCheckOverride)
{
    public static SubjectDetails ToDetails(SubjectRequest? request, RequestErrors errors)
    {
        var subject = errors.Required(request, "subject");
        return new SubjectDetails(errors.Text(subject?.Name, "subject.name"), subject?.Sex, errors.OptionalDate(subject?.BirthDate, "subject.birthDate"));
    }
}
