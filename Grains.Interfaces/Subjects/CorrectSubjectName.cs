namespace Credit.Grains.Interfaces.Subjects;

/// <summary>List rules Art. 9: corrects the name recorded for the subject, which every listing, restriction and exit ban of
/// the subject carries, whichever court's item it was first recorded with; and for a person identified by a passport or
/// permit, whose number does not carry them as a resident ID does, the recorded sex and birth date (Art. 6 publishes both).</summary>
[GenerateSerializer, Immutable, Alias("credit.CorrectSubjectName")]
public sealed record CorrectSubjectName(
    [property: Id(0)] string Name,
    [property: Id(1)] string Explanation,
    [property: Id(2)] Identifiers.Sex? Sex = null,
    [property: Id(3)] DateOnly? BirthDate = null);
