using System.ComponentModel.DataAnnotations;
using Credit.Api.OpenApi;
using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Api.Agencies.Hits;

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

/// <summary>An agency's report of one hit.</summary>
/// <param name="ReportId">The agency's own id for this report (at most 64 characters); a retry sends the same id
/// and the same body, and the hit is stored once.</param>
/// <param name="Subject">An 18-character resident ID or credit code, or a subject key such as <c>pp:E12345678</c>.</param>
/// <param name="Measure">The code of the agency's measure that intercepted the subject, e.g. C01.</param>
/// <param name="OccurredAt">When the hit happened; not in the future, not older than a year.</param>
/// <param name="Place">Where: a station, a border post, a service window (at most 200 characters).</param>
/// <param name="Outcome">What the agency did; AllowedWithCourtPermission for necessary travel or consumption the court permitted
/// (consumption rules Art. 8).</param>
/// <param name="Note">Optional, at most 500 characters.</param>
/// <param name="PermissionId">With outcome AllowedWithCourtPermission, and only then: the court's permission that let the
/// subject through, as the check showed it; it must cover this measure on the day of the hit.</param>
public sealed record HitReportRequest(
    [property: Required, Example("railway-2025-000123")] string? ReportId,
    [property: Required, Example("11010519491231002X")] string? Subject,
    [property: Required, Example("C01")] string? Measure,
    [property: Required, Example("2025-03-01T08:30:00+08:00")] DateTimeOffset? OccurredAt,
    [property: Required, Example("广州南站 12306 售票窗口")] string? Place,
    [property: Required, Example("Intercepted")] HitOutcome? Outcome,
    [property: Example("购买G字头动车组二等座车票被拦截")] string? Note,
    [property: Example("0195f3a2-7c1e-7b9a-8d2e-1f4a5b6c7d8e")] Guid? PermissionId);

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
