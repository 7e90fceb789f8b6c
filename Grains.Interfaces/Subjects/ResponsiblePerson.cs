using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Grains.Interfaces.Subjects;

/// <summary>A natural person who answers for an entity debtor, named in the entity's listing or restriction: each is
/// consumption-restricted personally, as their own subject, in the entity's case and for as long as the entity's
/// restriction lasts (consumption rules Art. 3 ¶2), but is not listed for the entity's debt (2019 SPC opinion).</summary>
/// <param name="Person">Their resident ID, passport or permit.</param>
/// <param name="Sex">Only for a passport or permit; a resident ID carries it.</param>
/// <param name="BirthDate">Only for a passport or permit; a resident ID carries it.</param>
[GenerateSerializer, Immutable, Alias("credit.ResponsiblePerson")]
public sealed record ResponsiblePerson(
    [property: Id(0)] SubjectId Person,
    [property: Id(1)] string Name,
    [property: Id(2)] ResponsibleRole Role,
    [property: Id(3)] Sex? Sex = null,
    [property: Id(4)] DateOnly? BirthDate = null)
{
    public override string ToString() => $"{Role} {Name} ({Person})";
}

/// <summary>Why a person answers for an entity (consumption rules Art. 3 ¶2). Stored by number.</summary>
public enum ResponsibleRole
{
    /// <summary>法定代表人 or, for an organisation without one, its 负责人: named publicly with the entity's listing (list rules Art. 6).</summary>
    LegalRepresentative = 0,
    /// <summary>主要负责人.</summary>
    MainResponsiblePerson = 1,
    /// <summary>影响债务履行的直接责任人员.</summary>
    DirectlyResponsiblePerson = 2,
    /// <summary>实际控制人.</summary>
    ActualController = 3,
}

public static class ResponsiblePersons
{
    /// <summary>The name the public sees with an entity's listing (list rules Art. 6), or null when none is named.</summary>
    public static string? LegalRepresentativeName(this IReadOnlyList<ResponsiblePerson>? persons) =>
        persons?.FirstOrDefault(p => p.Role == ResponsibleRole.LegalRepresentative)?.Name;
}
