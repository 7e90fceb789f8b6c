using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Credit.Api.Subjects;

/// <summary>Problem details for a court change that was not made (403 another court's case, 404 no such item, 409 a clash
/// with the subject's state) or made but not yet published (503). The result type of an operation declares the statuses
/// it may answer, so that the OpenAPI document lists exactly those.</summary>
public abstract class ChangeProblem(ProblemHttpResult problem) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => problem.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => problem.ExecuteAsync(httpContext);

    protected static void Declare(EndpointBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
    }
}

/// <summary>Made from the problem a change ran into, so that one path can answer with whichever set of statuses its operation
/// declares.</summary>
public interface IChangeProblem<out TSelf> where TSelf : ChangeProblem
{
    static abstract TSelf Of(ProblemHttpResult problem);
}

/// <summary>The problems of a change that names no existing item of the subject (a new listing, restriction or exit ban),
/// so it is never answered 404.</summary>
public sealed class NewItemProblem(ProblemHttpResult problem) : ChangeProblem(problem), IChangeProblem<NewItemProblem>, IEndpointMetadataProvider
{
    public static NewItemProblem Of(ProblemHttpResult problem) => new(problem);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable);
}

/// <summary>The problems of a change that names an existing item of the subject (a correction, a lifting, a permission under
/// a restriction): also 404 when the subject has no such item.</summary>
public sealed class ExistingItemProblem(ProblemHttpResult problem) : ChangeProblem(problem), IChangeProblem<ExistingItemProblem>, IEndpointMetadataProvider
{
    public static ExistingItemProblem Of(ProblemHttpResult problem) => new(problem);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable);
}
