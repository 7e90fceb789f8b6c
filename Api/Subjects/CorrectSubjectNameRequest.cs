using System.ComponentModel.DataAnnotations;
using Credit.Api.OpenApi;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Api.Subjects;

/// <summary>A correction of the subject's recorded name (list rules Art. 9), which every listing, restriction and exit ban of the
/// subject carries. Any court with an item in force on the subject may make it.</summary>
/// <param name="Name">The correct name; at most 100 characters.</param>
/// <param name="Explanation">Why the name changes (a typing error, a court decision); at most 1000 characters.</param>
/// <param name="Sex">For a person identified by a passport or permit only (a resident ID carries it): the correct sex.</param>
/// <param name="BirthDate">For a person identified by a passport or permit only: the correct birth date, which Art. 6 publishes as
/// the age; refused when it would make a listed person a minor on a listing's publication date (Art. 4). Send the recorded
/// name unchanged to correct only these.</param>
public sealed record CorrectSubjectNameRequest(
    [property: Required, Example("张三")] string? Name,
    [property: Required, Example("姓名录入错误，更正为张三")] string? Explanation,
    [property: Example("Female")] Sex? Sex = null,
    [property: Example("1980-02-02")] DateOnly? BirthDate = null)
{
    public CorrectSubjectName ToCommand(RequestErrors errors) =>
        new(errors.Text(Name, "name"), errors.Text(Explanation, "explanation"), Sex, BirthDate);
}
