using Credit.Api.Courts;
using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Subjects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Credit.Api.Subjects;

public static class SubjectEndpoints
{
    public static RouteGroupBuilder MapSubjects(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(SubjectRoute.Prefix)
            .WithSubjectParameters()
            .WithTags("Subjects 被执行人")
            .RequireAuthorization(CourtApiKeyAuthentication.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/", async Task<Results<Ok<SubjectSnapshot>, ValidationProblem, NotFound>> (string documentType, string number, IGrainFactory grains) =>
        {
            var errors = new RequestErrors();
            var subject = SubjectRoute.Resolve(documentType, number, errors, allowCreditCodeCheckMismatch: true);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            return await grains.GetGrain<ISubjectGrain>(subject.Key).GetSnapshot() is { } snapshot ? TypedResults.Ok(snapshot) : TypedResults.NotFound();
        }).WithName("GetSubject").WithSummary("A subject's full state across courts: listings, consumption restrictions, exit bans (courts only).");

        group.MapGet("/history", async Task<Results<Ok<IReadOnlyList<ChangeRecord>>, ValidationProblem, NotFound>> (string documentType, string number, IGrainFactory grains) =>
        {
            var errors = new RequestErrors();
            var subject = SubjectRoute.Resolve(documentType, number, errors, allowCreditCodeCheckMismatch: true);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            var history = await grains.GetGrain<ISubjectGrain>(subject.Key).GetHistory();
            return history.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok(history);
        }).WithName("GetSubjectHistory").WithSummary("Every accepted change of a subject: who, when, what and why; append-only.");

        group.MapPost("/name-correction", (string documentType, string number, CorrectSubjectNameRequest request, HttpContext http) =>
        {
            var change = CourtChange.ToExisting(http, documentType, number, request);
            var command = request.ToCommand(change.Errors);
            return SubjectChange.ChangeAsync(change, (g, c) => g.CorrectSubjectName(command, c), (s, _) => s.Profile);
        }).WithName("CorrectSubjectName")
            .WithSummary("Correct the subject's recorded name (Art. 9), which all its listings, restrictions and exit bans carry; any court with an item in force on the subject may.");

        return group;
    }
}
