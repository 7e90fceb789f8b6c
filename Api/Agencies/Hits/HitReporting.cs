using System.Globalization;
using Credit.Api.Agencies.Access;
using Credit.Api.Agencies.Catalogue;
using Credit.Api.Courts;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.Hits;
using Credit.ReadModels.Interceptions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Credit.Api.Agencies.Hits;

/// <summary>An agency's report of a hit (命中反馈), attributed to the court and case answerable: the subject's hold that
/// the agency's measure followed on the day of the hit. Stored once per report id; nothing is stored for a report that
/// cannot be attributed.</summary>
public sealed class HitReporting(InterceptionHits hits, ResponsibleHolds holds, TimeProvider clock)
{
    public async Task<Results<Created<HitReport>, Ok<HitReport>, ValidationProblem, ProblemHttpResult>> ReportAsync(
        AgencyCaller caller, HitReportRequest request, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var report = HitReportValidation.Validate(request, clock.GetUtcNow(), errors);
        if (errors.Any)
            return SubjectChange.Invalid(errors);
        var scope = caller.Scope;
        if (scope.Measures.FirstOrDefault(m => string.Equals(m.Code, report.Measure, StringComparison.OrdinalIgnoreCase)) is not { } measure)
            return Unprocessable("measure", $"must be one of this agency's measures: {string.Join(", ", scope.Measures.Select(m => m.Code))}");
        report = report with { Measure = measure.Code };

        if (await hits.FindAsync(scope.Agency.Code, scope.Unit?.Code, report.ReportId, cancellationToken) is { } earlier)
            return Replay(earlier, report);

        // A unit hears nothing of subjects outside its area, not even whether they were held: the document decides
        // before any hold is looked up, and only a document that names no region waits for the hold's court.
        var subject = SubjectId.Parse(report.SubjectKey);
        if (scope.Area is { } area && area.ContainsDocument(subject.Type, subject.Number) is false)
            return OutsideArea(scope);
        var day = ChinaTime.DateOf(report.OccurredAt);
        if (await holds.FindAsync(report.SubjectKey, measure.Trigger.Flags(), report.OccurredAt, cancellationToken, report.PermissionId) is not { } hold)
        {
            return report.PermissionId is not null
                ? Unprocessable("permissionId", $"names no permission for necessary travel (consumption rules Art. 8) of this subject's restrictions that measure " +
                    $"{measure.Code} follows at {Instant(report.OccurredAt)}")
                : Unprocessable("subject",
                    $"was not intercepted by measure {measure.Code} at {Instant(report.OccurredAt)}: " +
                    "the platform holds no listing, consumption restriction or exit ban of it that this measure follows then " +
                    "(one holds from the instant the court recorded it until the instant the court removed or lifted it, not all of those days)");
        }
        if (report.PermissionId is { } permitted && !hold.Permissions!.Any(p => p.Id == permitted && p.Measure == measure.Code && p.CoversDay(day)))
            return Unprocessable("permissionId", $"the court's permission (consumption rules Art. 8) does not let the subject through measure {measure.Code} on {Day(day)}");
        if (scope.Area is { } unitArea && !unitArea.Contains(subject.Type, subject.Number, [hold.Court]))
            return OutsideArea(scope);
        var (stored, created) = await hits.RecordAsync(
            new NewHit(scope.Agency.Code, scope.Unit?.Code, report, hold.Court, hold.CaseNumber, hold.ItemId, caller.User.Actor()), cancellationToken);
        return created ? TypedResults.Created((string?)null, stored) : Replay(stored, report);
    }

    /// <summary>A report id names one report: its retry is answered with what was stored, anything else under
    /// that id is refused, so an agency that reuses ids by mistake learns of it.</summary>
    private static Results<Created<HitReport>, Ok<HitReport>, ValidationProblem, ProblemHttpResult> Replay(HitReport stored, ValidHitReport report)
    {
        var same = stored.Subject == report.SubjectKey && stored.Measure == report.Measure && stored.OccurredAt == report.OccurredAt
            && stored.Place == report.Place && stored.Outcome == report.Outcome && stored.Note == report.Note
            && stored.PermissionId == report.PermissionId;
        if (same)
            return TypedResults.Ok(stored);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "This report id was used for a different report 报告编号已用于另一条命中反馈",
            detail: $"reportId: was already used by this agency for a different hit (reported at {stored.ReportedAt:O}). Nothing was stored.",
            extensions: new Dictionary<string, object?> { ["field"] = "reportId", ["rule"] = "must be new for each report, repeated only when retrying the same report" });
    }

    private static ProblemHttpResult OutsideArea(AgencyScope scope) =>
        Unprocessable("subject", $"is not in the area of unit '{scope.Unit?.Code}' ({string.Join(", ", scope.Area!.Prefixes)}), which acts only on its own area's subjects");

    private static ProblemHttpResult Unprocessable(string field, string rule) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The hit cannot be attributed 无法确认命中",
            detail: $"{field}: {rule}. Nothing was stored.",
            extensions: new Dictionary<string, object?> { ["field"] = field, ["rule"] = rule });

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset instant) =>
        instant.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
