using System.ComponentModel.DataAnnotations;
using Credit.Api.OpenApi;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Api.Subjects;

/// <summary>A person who answers for an entity debtor (consumption rules Art. 3 ¶2), named in the entity's listing or
/// restriction and restricted personally: exactly one <c>LegalRepresentative</c> (法定代表人或负责人, published with a
/// listing under Art. 6), and any main responsible persons, directly responsible persons and actual controllers.</summary>
/// <param name="Role">LegalRepresentative, MainResponsiblePerson, DirectlyResponsiblePerson or ActualController.</param>
/// <param name="Name">The person's name; at most 100 characters.</param>
/// <param name="DocumentType">resident-id, passport, hk-macao-permit or taiwan-permit.</param>
/// <param name="Number">The document's number; the person becomes a subject of their own under it.</param>
/// <param name="Sex">Only for a passport or permit; a resident ID carries it.</param>
/// <param name="BirthDate">Only for a passport or permit; a resident ID carries it.</param>
public sealed record ResponsiblePersonRequest(
    [property: Required, Example("LegalRepresentative")] ResponsibleRole? Role,
    [property: Required, Example("李四")] string? Name,
    [property: Required, Example("resident-id")] string? DocumentType,
    [property: Required, Example("11010519491231002X")] string? Number,
    [property: Example("Male")] Sex? Sex,
    [property: Example("1980-05-17")] DateOnly? BirthDate)
{
    public static List<ResponsiblePerson>? ToPersons(IReadOnlyList<ResponsiblePersonRequest?>? persons, RequestErrors errors, string field = "responsiblePersons")
    {
        if (persons is null)
            return null;
        var result = new List<ResponsiblePerson>(persons.Count);
        for (var i = 0; i < persons.Count; i++)
        {
            var at = $"{field}[{i}]";
            if (errors.Required(persons[i], at) is not { } person)
                continue;
            var id = default(SubjectId);
            if (!DocumentTypes.TryParseSlug(person.DocumentType, out var type))
                errors.Add($"{at}.documentType", $"must be one of {string.Join(", ", DocumentTypes.All.Select(t => t.Slug()))}");
            else if (!SubjectId.TryCreate(type, person.Number, out id, out var error))
                errors.Add($"{at}.number", $"is not a valid {type.Slug()}: {error}");
            result.Add(new ResponsiblePerson(id, errors.Text(person.Name, $"{at}.name"), errors.Enum(person.Role, $"{at}.role"), person.Sex,
                errors.OptionalDate(person.BirthDate, $"{at}.birthDate")));
        }
        return result;
    }
}
