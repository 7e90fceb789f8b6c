using System.Globalization;
using Credit.Api.Agencies.Access;
using Credit.Api.Agencies.Catalogue;
using Credit.Api.Courts;
using Credit.Api.OpenApi;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.Hits;
using Credit.ReadModels.Interceptions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Credit.Api.Agencies.Hits;

public static class HitEndpoints
{
    /// <summary>The agency's side: reporting a hit on one of its measures.</summary>
    public static RouteGroupBuilder MapAgencyHits(this IEndpointRouteBuilder app)
    {
        var group = app.MapAgencyGroup("Hit reports 命中反馈");

        group.MapPost("/hits", async Task<Results<Created<HitReport>, Ok<HitReport>, ValidationProblem, ProblemHttpResult>> (
            string agency, HitReportRequest request, HttpContext http, AgencyCatalogueSource catalogue, InterceptionHits hits,
            ResponsibleHolds holds, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var errors = new RequestErrors();
            var report = HitReportValidation.Validate(request, clock.GetUtcNow(), errors);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            var scope = AgencyScope.Of(http.User, catalogue.Current);
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
            var day = DateOnly.FromDateTime(report.OccurredAt.ToOffset(ChinaTime.Offset).DateTime);
            if (await holds.FindAsync(report.SubjectKey, measure.Trigger.Flags(), day, cancellationToken, report.PermissionId) is not { } hold)
            {
                return report.PermissionId is { } missing
                    ? Unprocessable("permissionId", $"names no permission for necessary travel (consumption rules Art. 8) of this subject's restrictions that measure " +
                        $"{measure.Code} follows on {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}")
                    : Unprocessable("subject",
                        $"was not intercepted by measure {measure.Code} on {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: " +
                        "the platform holds no listing, consumption restriction or exit ban of it that this measure follows on that day");
            }
            if (report.PermissionId is { } permitted && !hold.Permissions!.Any(p => p.Id == permitted && p.Measure == measure.Code && p.CoversDay(day)))
            {
                return Unprocessable("permissionId", $"the court's permission (consumption rules Art. 8) does not let the subject through measure {measure.Code} " +
                    $"on {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
            }
            if (scope.Area is { } unitArea && !unitArea.Contains(subject.Type, subject.Number, [hold.Court]))
                return OutsideArea(scope);
            var (stored, created) = await hits.RecordAsync(
                new NewHit(scope.Agency.Code, scope.Unit?.Code, report, hold.Court, hold.CaseNumber, hold.ItemId, http.User.Actor()), cancellationToken);
            return created ? TypedResults.Created((string?)null, stored) : Replay(stored, report);
        }).WithName("ReportHit")
          .ProducesProblem(StatusCodes.Status409Conflict)
          .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
          .WithSummary("Report that this agency intercepted a subject under one of its measures (命中反馈). The platform names the " +
              "court and case answerable, from the subject's holds at the time of the hit. A retry with the same reportId and the " +
              "same report answers the stored hit; the same reportId with a different report is a 409.");

        return group;
    }

    /// <summary>The court's side: the hits on its own cases, and their counts.</summary>
    public static RouteGroupBuilder MapCourtHits(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/hits")
            .WithParameter("from", "The first China-time day of the hits counted, included; none when left out.", "2025-03-01")
            .WithParameter("to", "The last China-time day of the hits counted, included, not before from; none when left out.", "2025-03-31")
            .WithTags("Hit reports 命中反馈")
            .RequireAuthorization(CourtApiKeyAuthentication.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/", async Task<Results<Ok<HitPage>, ValidationProblem>> (
            DateOnly? from, DateOnly? to, string? agency, int? limit, string? cursor, HttpContext http, AgencyCatalogueSource catalogue,
            InterceptionHits hits, CancellationToken cancellationToken) =>
        {
            var errors = new RequestErrors();
            var query = HitQueryRequest.Validate(http.User.Court(), from, to, agency, limit, cursor, catalogue.Current, errors);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            return TypedResults.Ok(await hits.ListAsync(query, cancellationToken));
        }).WithName("ListHits")
          .WithParameter("agency", "Only the hits this agency reported: its code in the registry (GET /api/v1/agencies).", "railway")
          .WithParameter("limit", $"Hits per page, 1 to {HitQueryRequest.MaximumLimit}; {HitQueryRequest.DefaultLimit} when left out.", HitQueryRequest.DefaultLimit)
          .WithParameter("cursor", "The previous page's nextCursor; left out for the first page.")
          .WithSummary($"The hits agencies reported on this court's cases, newest first, {HitQueryRequest.DefaultLimit} a page (limit up to " +
              $"{HitQueryRequest.MaximumLimit}); from and to are China-time days of the hit, both included.");

        group.MapGet("/statistics", async Task<Results<Ok<HitStatistics>, ValidationProblem>> (
            DateOnly? from, DateOnly? to, HttpContext http, InterceptionHits hits, CancellationToken cancellationToken) =>
        {
            var errors = new RequestErrors();
            var (start, end) = HitQueryRequest.Period(from, to, errors);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            return TypedResults.Ok(await hits.CountAsync(http.User.Court(), start, end, cancellationToken) with { From = from, To = to });
        }).WithName("GetHitStatistics")
          .WithSummary("This court's hits counted by agency, by measure and by outcome, over China-time days from and to (both included).");

        return group;
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
}
