using Credit.Api.Agencies.Access;
using Credit.Api.Agencies.Catalogue;
using Credit.Api.Courts;
using Credit.Api.OpenApi;
using Credit.Api.Subjects;
using Credit.ReadModels.Hits;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Credit.Api.Agencies.Hits;

public static class HitEndpoints
{
    /// <summary>The agency's side: reporting a hit on one of its measures.</summary>
    public static RouteGroupBuilder MapAgencyHits(this IEndpointRouteBuilder app)
    {
        var group = app.MapAgencyGroup("Hit reports 命中反馈");

        group.MapPost("/hits", ([AsParameters] AgencyCaller caller, HitReportRequest request, HitReporting reporting, CancellationToken cancellationToken) =>
            reporting.ReportAsync(caller, request, cancellationToken))
          .WithName("ReportHit")
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
}
