using System.Reflection;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Subjects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Credit.Api.Objections;

/// <summary>A step on an objection that was not taken: 403 not this court's to take, 404 no such objection (or no listing to
/// object to), 409 the objection is not in the stage the step needs.</summary>
public sealed class ObjectionProblem(ProblemHttpResult problem) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int? StatusCode => problem.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => problem.ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        foreach (var status in new[] { StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict })
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
    }

    /// <summary>A refusal as HTTP: an invalid field is a 400 naming it, the rest problem details with the rule.</summary>
    public static Results<T, ValidationProblem, ObjectionProblem> Of<T>(Refusal refusal) where T : IResult
    {
        if (refusal.Kind == RefusalKind.Invalid)
        {
            var errors = new RequestErrors();
            errors.Add(refusal.Field, refusal.Rule);
            return SubjectChange.Invalid(errors);
        }
        var (status, title) = refusal.Kind switch
        {
            RefusalKind.Forbidden when refusal.Field == "applicantCode" => (StatusCodes.Status403Forbidden, "Wrong applicant code 申请人校验码不符"),
            RefusalKind.Forbidden => (StatusCodes.Status403Forbidden, "Not this court's to decide 无权处理"),
            RefusalKind.NotFound => (StatusCodes.Status404NotFound, "Not found 未找到"),
            _ => (StatusCodes.Status409Conflict, "Conflicts with the objection's stage 与异议所处阶段冲突"),
        };
        return new ObjectionProblem(TypedResults.Problem($"{refusal.Field}: {refusal.Rule}. Nothing was changed.", statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["field"] = refusal.Field, ["rule"] = refusal.Rule }));
    }

    public static ObjectionProblem NotFound(string rule = "no objection with this receipt number", string field = "receipt") =>
        new(TypedResults.Problem($"{field}: {rule}", statusCode: StatusCodes.Status404NotFound, title: "Not found 未找到",
            extensions: new Dictionary<string, object?> { ["field"] = field, ["rule"] = rule }));

    public static ObjectionProblem Forbidden(string rule) =>
        new(TypedResults.Problem($"receipt: {rule}", statusCode: StatusCodes.Status403Forbidden, title: "Not this court's objection 无权查看",
            extensions: new Dictionary<string, object?> { ["field"] = "receipt", ["rule"] = rule }));
}
