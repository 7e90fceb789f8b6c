using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Credit.Api.Problems;

/// <summary>Refuses, with a 415 naming Content-Type, a body that is not UTF-8 JSON sent to an endpoint that reads one,
/// before the framework tries to read it: the framework's own 415 names nothing, and a charset it does not know makes it
/// throw (a 500). JSON exchanged between systems is UTF-8 (RFC 8259 §8.1).</summary>
public static class JsonRequestBodies
{
    public const string Rule = "must be application/json, in UTF-8 (RFC 8259)";

    public static IApplicationBuilder UseJsonRequestBodies(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        var readsJson = http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: not null };
        var sent = request.Headers.ContentType.Count > 0 || http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true;
        if (!readsJson || !sent || IsUtf8Json(request.ContentType))
        {
            await next(http);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "The body is not JSON 请求体须为 JSON",
                Detail = $"{HeaderNames.ContentType}: {Rule}. Nothing was changed.",
                Extensions = { ["errors"] = new Dictionary<string, string[]> { [HeaderNames.ContentType] = [Rule] } },
            },
        });
    });

    /// <summary>Names Content-Type in the 415 that routing answers by itself when no endpoint at the path takes the
    /// media type sent.</summary>
    public static void NameContentType(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && !context.ProblemDetails.Extensions.ContainsKey("errors"))
        {
            context.ProblemDetails.Detail = $"{HeaderNames.ContentType}: {Rule}. Nothing was changed.";
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [HeaderNames.ContentType] = [Rule] };
        }
    }

    private static bool IsUtf8Json(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        && (!type.Charset.HasValue
            || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || type.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));
}
