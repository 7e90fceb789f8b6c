using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Credit.ReadModels.ChangeLog;

/// <summary>Degraded while any subject's stored changes could not be published (the grains record each failure, the projection
/// that succeeds clears it): the court was told so with a 503, the platform retries every minute, and an operator should look
/// (<c>./credit reconcile</c> names the subjects and their errors). Degraded rather than unhealthy: one subject's trouble is no
/// reason to take this instance out of service for every other court.</summary>
public sealed class PublicationHealth(PublicationFailures failures) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (count, since) = await failures.SummaryAsync(cancellationToken);
        return count == 0
            ? HealthCheckResult.Healthy("every stored change is published")
            : HealthCheckResult.Degraded(string.Create(CultureInfo.InvariantCulture,
                $"{count} subject(s) with stored changes not yet published, the oldest failing since {since:u}; ./credit reconcile lists them"));
    }
}
