using System.Globalization;
using Credit.ReadModels.PublicListings;

namespace Credit.Api.Publication;

/// <summary>Answers a public search that its engine could not answer with 503 Service Unavailable and a
/// <c>Retry-After</c>, as RFC 9457 problem details in Chinese and English, like the rate limit's 429.</summary>
public sealed class SearchUnavailableFilter(IProblemDetailsService problems, ILogger<SearchUnavailableFilter> logger) : IEndpointFilter
{
    /// <summary>How long the public is asked to wait: an engine that is down is rarely back within seconds,
    /// and a crowd retrying at once would not help it come back.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (SearchUnavailableException unavailable)
        {
            // The message only: the engine keeps the searched ID number out of it, and nothing more is needed.
            logger.LogWarning("Public search answered 503: {Reason}", unavailable.Message);
            var http = context.HttpContext;
            var seconds = (int)RetryAfter.TotalSeconds;
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "查询服务暂时不可用 The search is unavailable right now",
                    Detail = $"请{seconds}秒后再试。Please try again in {seconds} seconds.",
                },
            });
            return Results.Empty;
        }
    }
}
