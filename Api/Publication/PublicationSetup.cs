using System.Globalization;
using System.Threading.RateLimiting;
using Credit.ReadModels.ChangeLog;
using Credit.ReadModels.PublicListings;
using Microsoft.AspNetCore.RateLimiting;

namespace Credit.Api.Publication;

public sealed class PublicSearchOptions
{
    public const string Section = "Credit:Search";

    /// <summary><c>PostgreSql</c> (one machine, the default) or <c>Elasticsearch</c>.</summary>
    public string Engine { get; set; } = "PostgreSql";

    /// <summary>Public searches one client (IP address) may make per minute.</summary>
    public int RequestsPerMinute { get; set; } = 120;
}

public static class PublicationSetup
{
    public static IServiceCollection AddPublicSearch(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(PublicSearchOptions.Section).Get<PublicSearchOptions>() ?? new PublicSearchOptions();
        // A misspelt engine must stop the start, not quietly search somewhere the operator did not choose.
        if (!options.Engine.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase) && !options.Engine.Equals("Elasticsearch", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{PublicSearchOptions.Section}:Engine is '{options.Engine}'; it must be PostgreSql or Elasticsearch.");
        if (options.RequestsPerMinute < 1)
            throw new InvalidOperationException($"{PublicSearchOptions.Section}:RequestsPerMinute must be at least 1.");
        services.AddSingleton<IPublicSearch, PostgresPublicSearch>();
        services.AddSingleton<PublicationFailures>();
        services.AddHealthChecks().AddCheck<PublicationHealth>("publication", tags: ["ready"]);
        services.AddSingleton<ISearchIndexRebuilder, PostgresIndexRebuilder>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PublicSearchEndpoints.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.RequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
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
