using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Credit.ReadModels.Interceptions;

/// <summary>Not ready until the check index has loaded, and not ready again when it has not been confirmed
/// current for <see cref="Tolerance"/>: an instance with a stale index should get no agency traffic.</summary>
public sealed class InterceptionIndexHealth(InterceptionIndex index) : IHealthCheck
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(10);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!index.Ready)
            return Task.FromResult(HealthCheckResult.Unhealthy("the interception index is loading"));
        var age = DateTimeOffset.UtcNow - index.LastConfirmed;
        return Task.FromResult(age > Tolerance
            ? HealthCheckResult.Unhealthy($"the interception index was last confirmed current {age.TotalSeconds:0} s ago")
            : HealthCheckResult.Healthy($"{index.Count} intercepted subjects as of position {index.Position}"));
    }
}
