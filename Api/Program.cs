using Credit.Api.Hosting;
using Credit.Api.Publication;

// `Api reconcile` joins the cluster briefly, compares every subject with the change log and the public
// read model, repairs what lags, and prints the counts (./credit reconcile).
if (args.FirstOrDefault() == "reconcile")
{
    var reconciling = await CreditApplication.BuildAsync(
        [.. args.Skip(1), "--urls", "http://127.0.0.1:0", "--Credit:Cluster:SiloPort", "0", "--Credit:Cluster:GatewayPort", "0"]);
    await reconciling.StartAsync();
    var report = await reconciling.Services.GetRequiredService<PublicationReconciler>().RunAsync(CancellationToken.None);
    Console.WriteLine($"Reconciliation: {report.Subjects} subjects compared, {report.Differences} differences, {report.Repaired} repaired.");
    await reconciling.StopAsync();
    return report.Differences == report.Repaired ? 0 : 1;
}

var app = await CreditApplication.BuildAsync(args);
await app.RunAsync();
return 0;
