using Credit.Api.Agencies.Access;
using Credit.Api.Agencies.Catalogue;
using Credit.Api.OpenApi;
using Credit.Api.Subjects;
using Credit.ReadModels.Interceptions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Credit.Api.Agencies.Checks;

public static class CheckEndpoints
{
    public static RouteGroupBuilder MapAgencyChecks(this IEndpointRouteBuilder app)
    {
        var group = app.MapAgencyGroup("Agency checks 联合惩戒实时核查");

        group.MapGet("/checks/{id}", Results<Ok<CheckResult>, ProblemHttpResult> (
            string agency, string id, HttpContext http, AgencyCatalogueSource catalogue, Checker checker, InterceptionIndex index) =>
        {
            if (!index.Ready)
                return NotReady(http);
            IndexFreshness.Describe(http.Response, index);
            return TypedResults.Ok(checker.Check(id, AgencyScope.Of(http.User, catalogue.Current), checker.Today()));
        }).WithName("CheckSubject")
          .WithParameter("id", "An 18-character resident ID or credit code, or a subject key such as pp:E12345678.", "11010519491231002X")
          .WithSummary("Whether one subject is intercepted by this agency's measures, with the court and case for each; an invalid ID is answered Invalid, not refused.")
          .WithDescription(Freshness);

        group.MapPost("/checks", Results<Ok<CheckBatchResult>, ValidationProblem, ProblemHttpResult> (
            string agency, CheckBatchRequest request, HttpContext http, AgencyCatalogueSource catalogue, Checker checker, InterceptionIndex index) =>
        {
            var errors = new RequestErrors();
            if (request.Ids is null)
                errors.Add("ids", "is required");
            else if (request.Ids.Count is 0 or > Checker.MaxBatch)
                errors.Add("ids", $"must hold 1 to {Checker.MaxBatch} IDs");
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            if (!index.Ready)
                return NotReady(http);
            var position = index.Position;
            IndexFreshness.Describe(http.Response, index);
            var scope = AgencyScope.Of(http.User, catalogue.Current);
            var today = checker.Today();
            var results = new CheckResult[request.Ids!.Count];
            for (var i = 0; i < results.Length; i++)
                results[i] = checker.Check(request.Ids[i], scope, today);
            return TypedResults.Ok(new CheckBatchResult(position, results));
        }).WithName("CheckSubjects")
          .WithSummary($"Up to {Checker.MaxBatch} IDs at once, answered in order, each Hit, Clear or Invalid.")
          .WithDescription(Freshness);

        return group;
    }

    private const string Freshness =
        $"Answered from memory, also while the database is unreachable. The {IndexFreshness.ConfirmedHeader} header gives the instant (UTC) " +
        $"at which the answer was last confirmed current, {IndexFreshness.AgeHeader} how many seconds ago that was (0 to 1 normally).";

    private static ProblemHttpResult NotReady(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The interception index is still loading 核查数据加载中",
            detail: "Checks are answered once every intercepted subject is loaded; try again shortly.");
    }
}
