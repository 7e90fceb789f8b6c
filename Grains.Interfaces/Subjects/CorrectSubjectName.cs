namespace Credit.Grains.Interfaces.Subjects;

/// <summary>List rules Art. 9: corrects the name recorded for the subject, which every listing, restriction and exit ban of
/// the subject carries, whichever court's item it was first recorded with.</summary>
[GenerateSerializer, Immutable, Alias("credit.CorrectSubjectName")]
public sealed record CorrectSubjectName(
    [property: Id(0)] string Name,
    [property: Id(1)] string Explanation);
