using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Api.Subjects;

/// <summary>A person who answers for an entity debtor (consumption rules Art. 3 ¶2), named in the entity's listing or
/// restriction and restricted personally: exactly one <c>LegalRepresentative</c> (法定代表人或负责人, published with a
/// listing under Art. 6), and any main responsible persons, directly responsible persons and actual controllers.</summary>
/// <param name="DocumentType">resident-id, passport, hk-macao-permit or taiwan-permit.</param>
/// <param name="Sex">Only for a passport or permit; a resident ID carries it.</param>
/// <param name="BirthDate">Only for a passport or permit; a resident ID carries it.</param>
public sealed record ResponsiblePersonRequest(ResponsibleRole? Role, string? Name, string? DocumentType, string? Number, Sex? Sex, DateOnly? BirthDate)
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
            result.Add(new ResponsiblePerson(id, errors.Text(person.Name, $"{at}.name"), errors.Enum(person.Role, $"{at}.role"), person.Sex, person.BirthDate));
        }
        return result;
    }
}
