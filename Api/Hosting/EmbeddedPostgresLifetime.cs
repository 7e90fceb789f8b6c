using Credit.Silo.Embedded;

namespace Credit.Api.Hosting;

/// <summary>Stops the embedded PostgreSQL when the platform stops.</summary>
public sealed class EmbeddedPostgresLifetime(EmbeddedPostgres postgres) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await postgres.DisposeAsync();
}
