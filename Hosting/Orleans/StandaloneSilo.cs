using Credit.Hosting.Logging;
using Credit.Hosting.Partners;
using Credit.Hosting.Settings;
using Credit.Hosting.Storage;
using Credit.Hosting.Telemetry;
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
        var storage = StartupSettings.Read(builder.Configuration, StorageOptions.Section, new StorageOptionsValidator { ExternalDatabaseRequired = true });
        var cluster = StartupSettings.Read(builder.Configuration, ClusterHostingOptions.Section, new ClusterHostingOptionsValidator());
        var connectionString = storage.ConnectionString!;

        using (var logs = LoggerFactory.Create(logging => logging.AddConsole().RedactResidentIds()))
            await new SchemaMigrator(connectionString, logs.CreateLogger("Credit.Startup")).MigrateAsync();

        builder.Services.AddCreditDomain();
        builder.Services.AddCreditStorage(connectionString);
        builder.Services.AddPartnerDeliveries();
        builder.AddCreditTelemetry("credit-silo");
        builder.UseOrleans(silo =>
        {
            silo.UsePostgresStorage(connectionString);
            silo.UseCreditCluster(cluster.ClusterId, cluster.ServiceId);
            silo.ConfigureEndpoints(cluster.Advertised, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
        });
        builder.Logging.RedactResidentIds();
        return builder.Build();
    }
}
