using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Credit.Api.Health;

public static class HealthEndpoints
{
    public static IServiceCollection AddCreditHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<PostgresReachable>("postgresql", tags: ["ready"])
            .AddCheck<PlatformStarted>("started", tags: ["ready"]);
        return services;
    }

    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteReportAsync }).ExcludeFromDescription();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).ExcludeFromDescription();
    }

    /// <summary>The overall status and each check's status and description (never an exception), so an operator sees why an
    /// instance is degraded or not ready.</summary>
    private static Task WriteReportAsync(HttpContext http, HealthReport report) => http.Response.WriteAsJsonAsync(new
    {
        status = report.Status.ToString(),
        checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
    });

    private sealed class PostgresReachable(NpgsqlDataSource database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var command = database.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception error)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL is not reachable", error);
            }
        }
    }

    /// <summary>Ready once every hosted service, the Orleans silo among them, has started.</summary>
    private sealed class PlatformStarted(IHostApplicationLifetime lifetime) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(lifetime.ApplicationStarted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("starting or stopping"));
    }
}
