using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Credit.Api.OpenApi;
using Credit.ReadModels.Hits;

namespace Credit.Api.Agencies.Hits;

/// <summary>An agency's report of one hit.</summary>
/// <param name="ReportId">The agency's own id for this report (at most 64 characters); a retry sends the same id
/// and the same body, and the hit is stored once.</param>
/// <param name="Subject">An 18-character resident ID or credit code, or a subject key such as <c>pp:E12345678</c>.</param>
/// <param name="Measure">The code of the agency's measure that intercepted the subject, e.g. C01.</param>
/// <param name="OccurredAt">When the hit happened, with its offset: 2025-03-01T08:30:00+08:00 in China time (or Z for UTC). A
/// time without an offset is refused (400), never guessed: the China day of the hit decides which hold it answers to.
/// Not in the future, not older than a year.</param>
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
    [property: Required, Example("2025-03-01T08:30:00+08:00"), JsonConverter(typeof(InstantWithOffset))] DateTimeOffset? OccurredAt,
    [property: Required, Example("广州南站 12306 售票窗口")] string? Place,
    [property: Required, Example("Intercepted")] HitOutcome? Outcome,
    [property: Example("购买G字头动车组二等座车票被拦截")] string? Note,
    [property: Example("0195f3a2-7c1e-7b9a-8d2e-1f4a5b6c7d8e")] Guid? PermissionId);
