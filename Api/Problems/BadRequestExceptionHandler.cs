using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Credit.Api.Problems;

/// <summary>Turns requests that cannot even be read (malformed JSON, a string where a number belongs, an
/// unknown enum name) into RFC 9457 answers that name the field; anything else unexpected becomes a
/// 500 problem without internals.</summary>
public sealed partial class BadRequestExceptionHandler(
    IProblemDetailsService problems, IOptions<JsonOptions> json, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The rule for a member that could not be read, shared with the bulk intake's NDJSON rows.</summary>
    public const string UnreadableRule = "has a value of the wrong type or shape, or the JSON is malformed";

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            return false;
        }
        http.Response.StatusCode = badRequest.StatusCode;
        var unreadable = FindJsonError(exception);
        var parameter = ParameterName().Match(badRequest.Message);
        // The exception handler runs with the endpoint cleared; the feature keeps the one that failed.
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        var unknown = unreadable is null ? null : UnknownMember().Match(unreadable.Message) is { Success: true } member ? member.Groups["name"].Value : null;
        var (field, target) = unknown is not null ? (Member(unreadable!.Path, unknown), null)
            : unreadable?.Path is { Length: > 2 } path ? BodyField(endpoint, path.TrimStart('$', '.'))
            : parameter.Success ? Parameter(endpoint, parameter.Groups["name"].Value)
            : ("body", null);
        var rule = unknown is not null ? UnknownRule
            : unreadable is not null && IsDuplicateMember(unreadable) ? DuplicateRule
            // A repeated query parameter (limit=1&limit=2) cannot bind to one value; it is not a value of the wrong type.
            : parameter.Success && http.Request.Query[field].Count > 1 ? DuplicateRule
            : BindingTarget.EnumNames(target) is { } names ? $"must be one of {string.Join(", ", names)}"
            : unreadable is not null ? UnreadableRule
            : parameter.Success ? "has a value of the wrong type or is missing"
            : badRequest.Message;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Title = "The request could not be read",
                Detail = $"{field}: {rule}. Nothing was changed.",
                Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [rule] } },
            },
        });
    }

    /// <summary>The rule for a member the request type does not have (a misspelt or invented field).</summary>
    public const string UnknownRule = "is not a field of this request (the OpenAPI document lists the fields it takes)";

    /// <summary>The rule for a member given twice in one object.</summary>
    public const string DuplicateRule = "is given twice; give it once";

    /// <summary>Whether the body gave one member twice (the path then names it).</summary>
    public static bool IsDuplicateMember(JsonException error) => error.Message.StartsWith("Duplicate property '", StringComparison.Ordinal);

    /// <summary>Whether the body held a member its request type does not have (the path then names that member).</summary>
    public static bool IsUnknownMember(JsonException error) => UnknownMember().IsMatch(error.Message);

    // System.Text.Json names a member it cannot map: The JSON property 'x' could not be mapped to any .NET member contained in type 'T'.
    [GeneratedRegex("^The JSON property '(?<name>[^']{1,200})' could not be mapped")]
    private static partial Regex UnknownMember();

    /// <summary>The unknown member as its path names it (<c>$.subject.extra</c> is <c>subject.extra</c>), or by its name alone.</summary>
    private static string Member(string? path, string name) =>
        (path ?? "").TrimStart('$', '.') is { Length: > 0 } field ? field : name;

    // Minimal APIs name the parameter in the message: Failed to bind parameter "Nullable<Kind> kind" from "x".
    [GeneratedRegex("parameter \"(?:[^\"]* )?(?<name>[A-Za-z0-9_]+)\"")]
    private static partial Regex ParameterName();

    private (string Field, Type? Target) BodyField(Endpoint? endpoint, string path) =>
        (path, BindingTarget.OfBodyField(endpoint, json.Value.SerializerOptions, path));

    /// <summary>A route or query parameter is named as it is; the parameter that receives the whole body is the body.</summary>
    private static (string Field, Type? Target) Parameter(Endpoint? endpoint, string name)
    {
        var type = BindingTarget.OfParameter(endpoint, name);
        return type is not null && type == BindingTarget.BodyType(endpoint) ? ("body", null) : (name, type);
    }

    private static JsonException? FindJsonError(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is JsonException json)
                return json;
        }
        return null;
    }
}
