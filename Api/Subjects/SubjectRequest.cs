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
public sealed record SubjectRequest(
    [property: Required, Example("张三")] string? Name,
    [property: Example("Male")] Sex? Sex,
    [property: Example("1980-05-12")] DateOnly? BirthDate,
    [property: Example(false)] bool? ConfirmCreditCodeCheckOverride)
{
    public static SubjectDetails ToDetails(SubjectRequest? request, RequestErrors errors)
    {
        var subject = errors.Required(request, "subject");
        return new SubjectDetails(errors.Text(subject?.Name, "subject.name"), subject?.Sex, errors.OptionalDate(subject?.BirthDate, "subject.birthDate"));
    }
}
