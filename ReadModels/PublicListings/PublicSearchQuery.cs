namespace Credit.ReadModels.PublicListings;

/// <summary>Whether a subject is a natural person (by resident ID or another document) or an entity (by credit code).</summary>
public enum SubjectKind
{
    Person,
    Entity,
}

/// <summary>A validated public search. At least one of <see cref="Name"/>, <see cref="IdNumber"/>,
/// <see cref="CaseNumber"/> is set.</summary>
/// <param name="Name">Exact or partial name, 2–50 characters.</param>
/// <param name="IdNumber">A full, normalised resident ID, credit code or document number.</param>
/// <param name="CaseNumber">A full, normalised case number.</param>
/// <param name="Court">A court code, exact (粤0103).</param>
/// <param name="Region">A court-code prefix: 粤 (province), 粤01 (Guangzhou).</param>
/// <param name="After">The decoded cursor of the previous page, if any.</param>
public sealed record PublicSearchQuery(
    string? Name,
    string? IdNumber,
    string? CaseNumber,
    string? Court,
    string? Region,
    SubjectKind? Kind,
    int Limit,
    SearchCursor? After);

/// <summary>Where the previous page ended, in the result order: relevance rank, then publication date
/// (newest first), then listing id.</summary>
public sealed record SearchCursor(int Rank, DateOnly PublicationDate, Guid ListingId);
