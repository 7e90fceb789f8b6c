using Credit.Hosting.Logging;
using Credit.Hosting.Settings;
using Credit.Hosting.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credit.Hosting.Orleans;

/// <summary>A silo on its own, for a cluster of machines (k8s/): the cluster's PostgreSQL (never an embedded one), the
/// schema brought up to date, and the silo listening on every address while advertising its own. On one machine the
/// Api hosts the silo itself instead.</summary>
public static class StandaloneSilo
{
    public static async Task<IHost> BuildAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var cluster = builder.Configuration.GetSection(ClusterHostingOptions.Section).Get<ClusterHostingOptions>() ?? new ClusterHostingOptions();
        if (string.IsNullOrWhiteSpace(storage.ConnectionString))
            throw new InvalidOperationException(
                $"Set {StorageOptions.Section}:ConnectionString (env Credit__Storage__ConnectionString) to the PostgreSQL of the cluster.");

        using (var logs = LoggerFactory.Create(logging => logging.AddConsole().RedactResidentIds()))
            await new SchemaMigrator(storage.ConnectionString, logs.CreateLogger("Credit.Startup")).MigrateAsync();

        builder.Services.AddCreditDomain(builder.Configuration);
        builder.Services.AddCreditStorage(storage.ConnectionString);
        builder.UseOrleans(silo =>
        {
            silo.UsePostgresStorage(storage.ConnectionString);
            silo.UseCreditCluster(cluster.ClusterId, cluster.ServiceId);
            silo.ConfigureEndpoints(cluster.Advertised, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
        });
        builder.Logging.RedactResidentIds();
        return builder.Build();
    }
}
