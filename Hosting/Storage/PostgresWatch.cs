using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Credit.Hosting.Storage;

/// <summary>Asks PostgreSQL every second whether it answers, on a connection of its own outside the pools, and empties
/// the pools when it stops answering and again when it answers again: whether the server is the embedded one (which
/// the platform restarts) or an external one (restarted by its operator, failed over), the platform takes up its work
/// again by itself, and the first request after the outage does not meet a dead pooled connection.</summary>
public sealed class PostgresWatch(string connectionString, PostgresPools pools, ILogger<PostgresWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // One connection kept for the probe: a new one every second would cost the server a process each time. It dies
    // with the server, so the probe after a crash fails even if the server is already back, and empties the pools.
    private readonly NpgsqlDataSource probe = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
    {
        MaxPoolSize = 1,
        Timeout = 3,
        CommandTimeout = 3,
    }.ConnectionString);

    private DateTimeOffset? unreachableSince;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, stoppingToken);
                var failure = await ProbeAsync(stoppingToken);
                if (failure is not null && unreachableSince is null)
                {
                    unreachableSince = DateTimeOffset.UtcNow;
                    pools.Clear();
                    logger.LogWarning("PostgreSQL does not answer ({Reason}); what needs it answers 503 until it is back", failure);
                }
                else if (failure is null && unreachableSince is { } since)
                {
                    unreachableSince = null;
                    pools.Clear();
                    logger.LogInformation("PostgreSQL answers again, after {Seconds:0.0} s", (DateTimeOffset.UtcNow - since).TotalSeconds);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        probe.Dispose();
        base.Dispose();
    }

    /// <returns>Why PostgreSQL did not answer, or null if it did.</returns>
    private async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = probe.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return null;
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException or IOException)
        {
            return error.InnerException is { } inner ? $"{error.Message} {inner.Message}" : error.Message;
        }
    }
}
