using System.Globalization;
using System.Threading.RateLimiting;
using Credit.ReadModels.ChangeLog;
using Credit.ReadModels.PublicListings;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Credit.Api.Publication;

public static class PublicationSetup
{
    /// <summary>Public search on PostgreSQL (the Elasticsearch engine, registered after it, replaces the search and the
    /// rebuild), its health, and the rate limit per client.</summary>
    public static IServiceCollection AddPublicSearch(this IServiceCollection services)
    {
        services.AddOptions<PublicSearchOptions>().BindConfiguration(PublicSearchOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicSearchOptions>, PublicSearchOptionsValidator>();
        services.AddSingleton<IPublicSearch, PostgresPublicSearch>();
        services.AddSingleton<PublicationFailures>();
        services.AddHealthChecks().AddCheck<PublicationHealth>("publication", tags: ["ready"]);
        services.AddSingleton<ISearchIndexRebuilder, PostgresIndexRebuilder>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<PublicSearchOptions>>((limiter, search) =>
        {
            var perMinute = search.Value.RequestsPerMinute;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PublicSearchEndpoints.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many searches",
                        Detail = $"Try again in {(int)Math.Ceiling(retryAfter.TotalSeconds)} seconds. 查询过于频繁，请稍后再试。",
                    },
                });
            };
        });
        return services;
    }
}
