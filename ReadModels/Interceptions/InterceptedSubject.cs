namespace Credit.ReadModels.Interceptions;

/// <summary>One row of <c>intercepted_subjects</c>, column by column: as stored, or as a subject's state says it
/// should be. Kept as the columns' text so that a tampered row is still read and compared, never parsed.</summary>
internal sealed record InterceptedSubject(
    string SubjectKey, string DocumentType, string IdNumber, string Name, string? Sex, DateOnly? BirthDate, int Triggers, string Holds)
{
    public static InterceptedSubject Of(InterceptionProfile profile) => new(
        profile.SubjectKey, profile.DocumentType.ToString(), profile.IdNumber, profile.Name, profile.Sex?.ToString(), profile.BirthDate,
        (int)profile.Triggers, InterceptionJson.Write(profile.Holds));

    /// <summary>Nothing holds the subject, so it has no row.</summary>
    public bool Released => Triggers == 0;

    /// <summary>The same subject with nothing holding it: what the removal of its row records.</summary>
    public InterceptedSubject Releasing() => this with { Triggers = 0, Holds = "[]" };

    /// <summary>Agencies key a subject by these; a change of them is not an update of the same subject for them.</summary>
    public bool SameIdentityAs(InterceptedSubject other) =>
        (DocumentType, IdNumber, Sex, BirthDate) == (other.DocumentType, other.IdNumber, other.Sex, other.BirthDate);
}
