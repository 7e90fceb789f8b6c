using System.Text;
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
        var unreadable = FindJsonError(exception);
        if (unreadable is not null && IsNotUtf8(unreadable))
            return await WriteNotUtf8Async(http, exception, unreadable);
        http.Response.StatusCode = badRequest.StatusCode;
        var parameter = ParameterName().Match(badRequest.Message);
        // The exception handler runs with the endpoint cleared; the feature keeps the one that failed.
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        var unknown = unreadable is null ? null : UnknownMember().Match(unreadable.Message) is { Success: true } member ? member.Groups["name"].Value : null;
        var (field, target) = unknown is not null ? (Member(unreadable!.Path, unknown), null)
            : unreadable?.Path is { Length: > 2 } path ? BodyField(endpoint, path.TrimStart('$', '.'))
            : parameter.Success ? Parameter(endpoint, parameter.Groups["name"].Value)
            : ("body", null);
        var rule = unreadable is not null ? RuleOf(unreadable, target)
            // A repeated query parameter (limit=1&limit=2) cannot bind to one value; it is not a value of the wrong type.
            : parameter.Success && http.Request.Query[field].Count > 1 ? DuplicateRule
            : BindingTarget.EnumNames(target) is { } names ? $"must be one of {string.Join(", ", names)}"
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

    /// <summary>The rule a body member broke that the reader could not read, for a field meant to become
    /// <paramref name="target"/>; shared with the bulk intake's NDJSON rows.</summary>
    public static string RuleOf(JsonException error, Type? target)
    {
        if (error is JsonRuleException ruled)
            return ruled.Rule;
        if (IsUnknownMember(error))
            return UnknownRule;
        if (IsDuplicateMember(error))
            return DuplicateRule;
        if (BindingTarget.EnumNames(target) is { } names)
            return $"must be one of {string.Join(", ", names)}";
        var number = Nullable.GetUnderlyingType(target ?? typeof(object)) ?? target;
        // The readers of decimals, whole numbers and doubles (JsonNumbers) state their rules themselves; for a number type
        // without one, the serializer says why it could not read it: another token where a number belongs (a string,
        // "250000"), or a number the type cannot hold, whose range is .NET's and not the field's.
        return number is null || !IsNumber(number) ? UnreadableRule
            : error.InnerException is InvalidOperationException ? NumberRule
            : number == typeof(int) || number == typeof(long) ? WholeNumbers.Rule
            : UnreadableRule;
    }

    /// <summary>The rule for a value where a number belongs: a string of digits is not a number (README, "API overview").</summary>
    public const string NumberRule = "must be a JSON number, written without quotes (250000, not \"250000\")";

    private static bool IsNumber(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double) || type == typeof(float);

    /// <summary>The rule for a member the request type does not have (a misspelt or invented field).</summary>
    public const string UnknownRule = "is not a field of this request (the OpenAPI document lists the fields it takes)";

    /// <summary>The rule for a member given twice in one object.</summary>
    public const string DuplicateRule = "is given twice; give it once";

    /// <summary>Whether the body gave one member twice (the path then names it).</summary>
    public static bool IsDuplicateMember(JsonException error) => error.Message.StartsWith("Duplicate property '", StringComparison.Ordinal);

    /// <summary>Whether the body held a member its request type does not have (the path then names that member).</summary>
    public static bool IsUnknownMember(JsonException error) => UnknownMember().IsMatch(error.Message);

    /// <summary>The rule for a body whose bytes are not UTF-8 (GBK, say, sent as application/json).</summary>
    public const string NotUtf8Rule = "is not UTF-8: JSON is sent in UTF-8 (RFC 8259 §8.1); a body in GBK or another encoding is not read";

    /// <summary>Whether the reader stopped at bytes that are not UTF-8: the body is in another encoding, and the field it
    /// stopped in is not at fault.</summary>
    private static bool IsNotUtf8(JsonException error)
    {
        for (Exception? inner = error; inner is not null; inner = inner.InnerException)
        {
            if (inner is DecoderFallbackException)
                return true;
        }
        return false;
    }

    /// <summary>A 415 as README promises for a body that is not UTF-8 JSON, naming the body and where its bytes stop being
    /// UTF-8, rather than a 400 blaming the field those bytes happened to fall in.</summary>
    private async ValueTask<bool> WriteNotUtf8Async(HttpContext http, Exception exception, JsonException error)
    {
        http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        var at = error.Path is { Length: > 2 } path ? $" (in {path.TrimStart('$', '.')})" : "";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "The body is not UTF-8 请求体须为 UTF-8 编码",
                Detail = $"body: {NotUtf8Rule}{at}. Nothing was changed.",
                Extensions = { ["errors"] = new Dictionary<string, string[]> { ["body"] = [NotUtf8Rule] } },
            },
        });
    }

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
