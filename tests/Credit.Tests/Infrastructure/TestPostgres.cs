using Credit.Hosting.Embedded;
using Credit.Hosting.Storage;
using Microsoft.Extensions.Logging.Abstractions;

[assembly: AssemblyFixture(typeof(Credit.Tests.Infrastructure.TestPostgres))]

namespace Credit.Tests.Infrastructure;

/// <summary>One real PostgreSQL server for the whole test run, started from the machine's binaries in a
/// temporary folder; each fixture gets a fresh database on it.</summary>
public sealed class TestPostgres : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"credit-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
    private EmbeddedPostgres? server;

    public async ValueTask InitializeAsync()
    {
        // One server for the whole run: a few dozen platforms at once, each with its read, write-path and grain-state
        // pools, outgrow the 200 connections one platform's embedded default needs (53300 "too many clients" in CI).
        server = new EmbeddedPostgres(folder, NullLogger.Instance, maxConnections: 600);
        await server.StartAsync("postgres");
    }

    /// <summary>A new, empty database with the full schema applied, as a platform start would leave it.</summary>
    public async Task<string> CreateDatabaseAsync(bool migrate = true)
    {
        var name = $"credit_{Guid.NewGuid():N}";
        await server!.CreateDatabaseAsync(name);
        var connectionString = server.ConnectionString(name);
        if (migrate)
            await new SchemaMigrator(connectionString, NullLogger.Instance).MigrateAsync();
        return connectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
            await server.StopAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A server that would not stop keeps its files; the folder is in /tmp.
        }
    }
}
