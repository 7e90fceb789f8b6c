using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Credit.Api.Problems;

/// <summary>Turns requests that cannot even be read (malformed JSON, a string where a number belongs, an
/// unknown enum name) into RFC 9457 answers that name the field; anything else unexpected becomes a
/// 500 problem without internals.</summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            return false;
        }
        http.Response.StatusCode = badRequest.StatusCode;
        var json = FindJsonError(exception);
        var parameter = ParameterName().Match(badRequest.Message);
        var field = json?.Path is { Length: > 2 } path ? path.TrimStart('$', '.')
            : parameter.Success ? parameter.Groups["name"].Value
            : "body";
        var rule = json is not null ? "has a value of the wrong type or shape, or the JSON is malformed"
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

    // Minimal APIs name the parameter in the message: Failed to bind parameter "Nullable<Kind> kind" from "x".
    [GeneratedRegex("parameter \"(?:[^\"]* )?(?<name>[A-Za-z0-9_]+)\"")]
    private static partial Regex ParameterName();

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
