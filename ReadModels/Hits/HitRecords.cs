using Credit.Grains.Interfaces.Identifiers;

namespace Credit.ReadModels.Hits;

/// <summary>What the agency's system did when a subject it checked was intercepted by one of its measures.</summary>
public enum HitOutcome
{
    /// <summary>已拦截: the subject was stopped (no ticket sold, no exit, no approval).</summary>
    Intercepted,
    /// <summary>已提示: the subject was warned or the case flagged for manual review.</summary>
    Warned,
    /// <summary>经法院准许放行: let through with the court's permission for necessary travel or consumption
    /// (consumption rules Art. 8: serious illness, funeral, an important exam).</summary>
    AllowedWithCourtPermission,
    /// <summary>其他: anything else; the note says what.</summary>
    Other,
}

/// <summary>A stored hit, with the court and case that the platform found answerable for it.</summary>
/// <param name="Unit">The unit of the agency that reported it (a district's street offices), or null.</param>
public sealed record HitReport(
    Guid Id,
    string Agency,
    string? Unit,
    string ReportId,
    string Measure,
    string Subject,
    DocumentType DocumentType,
    string IdNumber,
    string Court,
    string CaseNumber,
    DateTimeOffset OccurredAt,
    string Place,
    HitOutcome Outcome,
    string? Note,
    DateTimeOffset ReportedAt,
    string ReportedBy,
    Guid? PermissionId);

/// <summary>One page of a court's hits, newest first; ask for the next with <c>cursor = nextCursor</c>.</summary>
public sealed record HitPage(IReadOnlyList<HitReport> Items, string? NextCursor);

/// <summary>A court's hits counted over a period of China-time days (both ends included when given).</summary>
public sealed record HitStatistics(
    DateOnly? From, DateOnly? To, long Total, IReadOnlyList<HitCount> ByAgency, IReadOnlyList<HitCount> ByMeasure, IReadOnlyList<HitCount> ByOutcome);

/// <summary>How many hits share one agency, measure or outcome.</summary>
public sealed record HitCount(string Key, long Count);
