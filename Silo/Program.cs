using System.Net;
using Credit.Silo.Hosting;
using Credit.Silo.Logging;
using Credit.Silo.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A silo on its own, for a cluster of machines (k8s/). On one machine the Api hosts the silo itself.
var builder = Host.CreateApplicationBuilder(args);
var connectionString = builder.Configuration["Credit:Storage:ConnectionString"];
if (string.IsNullOrWhiteSpace(connectionString))
    throw new InvalidOperationException("Set Credit:Storage:ConnectionString (env Credit__Storage__ConnectionString) to the PostgreSQL of the cluster.");

using (var logs = LoggerFactory.Create(logging => logging.AddConsole().RedactResidentIds()))
    await new SchemaMigrator(connectionString, logs.CreateLogger("Credit.Startup")).MigrateAsync();

builder.Services.AddCreditDomain(builder.Configuration);
builder.Services.AddCreditStorage(connectionString);
builder.UseOrleans(silo =>
{
    silo.UsePostgresStorage(connectionString);
    silo.UseCreditCluster(builder.Configuration["Credit:Cluster:ClusterId"] ?? "credit", builder.Configuration["Credit:Cluster:ServiceId"] ?? "credit");
    // In Kubernetes the pod's own address (POD_IP from the downward API) is what other silos dial.
    var advertised = IPAddress.TryParse(Environment.GetEnvironmentVariable("POD_IP"), out var podIp) ? podIp : IPAddress.Loopback;
    silo.ConfigureEndpoints(advertised, siloPort: 11111, gatewayPort: 30000, listenOnAnyHostAddress: true);
});
builder.Logging.RedactResidentIds();
await builder.Build().RunAsync();
