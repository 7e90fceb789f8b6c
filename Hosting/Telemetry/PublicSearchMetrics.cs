using System.Diagnostics.Metrics;
using Credit.Grains.Interfaces.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Credit.Hosting.Telemetry;

/// <summary>Counts the requests to the public search: the endpoints under a rate-limit policy, since the public is the
/// only caller we limit (courts and agencies are known by their keys). The 429s are counted here too, as the rate
/// limiter answers them before any endpoint runs. Tags: the policy and the outcome, never the query.</summary>
public sealed class PublicSearchMetrics
{
    private readonly Counter<long> requests;

    public PublicSearchMetrics(IMeterFactory meters) =>
        requests = meters.Create(CreditMeter.Name).CreateCounter<long>("credit.public_search.requests", "{request}",
            "Public search requests by outcome: answered, refused (400, 404), rate_limited (429), unavailable (503), failed.");

    public void Count(string policy, int status) =>
        requests.Add(1, new KeyValuePair<string, object?>("credit.rate_limit.policy", policy),
            new KeyValuePair<string, object?>("credit.outcome", status switch
            {
                < 400 => "answered",
                StatusCodes.Status429TooManyRequests => "rate_limited",
                StatusCodes.Status503ServiceUnavailable => "unavailable",
                < 500 => "refused",
                _ => "failed",
            }));

    /// <summary>Put first in the request pipeline, around everything else, so that it sees the final status.</summary>
    internal sealed class Counting(PublicSearchMetrics metrics) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, inner) =>
            {
                try
                {
                    await inner(http);
                }
                catch
                {
                    CountIfPublic(http, StatusCodes.Status500InternalServerError);
                    throw;
                }
                CountIfPublic(http, http.Response.StatusCode);
            });
            next(app);
        };

        private void CountIfPublic(HttpContext http, int status)
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is { PolicyName: { } policy })
                metrics.Count(policy, status);
        }
    }
}
