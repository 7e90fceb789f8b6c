using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Grains.Interfaces.Subjects;

/// <summary>Who the subject is. For a resident ID, sex and birth date come from the number; for a
/// passport or permit the court supplies them; an entity has neither.</summary>
[GenerateSerializer, Immutable, Alias("credit.SubjectProfile")]
public sealed record SubjectProfile(
    [property: Id(0)] SubjectId Id,
    [property: Id(1)] string Name,
    [property: Id(2)] Sex? Sex,
    [property: Id(3)] DateOnly? BirthDate)
{
    public int? AgeOn(DateOnly date) => BirthDate?.YearsUntil(date);
}

/// <summary>What a court states about the subject when it first acts on it.</summary>
/// <param name="NameCorrection">Art. 9: why the recorded name is wrong, when the court corrects it to <see cref="Name"/> with the
/// change it makes; null otherwise.</param>
[GenerateSerializer, Immutable, Alias("credit.SubjectDetails")]
public sealed record SubjectDetails(
    [property: Id(0)] string Name,
    [property: Id(1)] Sex? Sex,
    [property: Id(2)] DateOnly? BirthDate,
    [property: Id(3)] string? NameCorrection = null);
