using Credit.Api.Hosting;
using Credit.Api.Publication;
using Credit.Hosting.Reconciliation;
using Credit.ReadModels.PublicListings;

// Operator commands join the cluster briefly, do their work and exit:
//   Api reconcile        compare every subject with the change log and the read models, repair what disagrees
//   Api rebuild-search   re-create the active search engine's index from the read model
switch (args.FirstOrDefault())
{
    case "reconcile":
        return await RunCommandAsync(args, async services =>
        {
            var report = await services.GetRequiredService<PublicationReconciler>().RunAsync(CancellationToken.None);
            Console.WriteLine($"Reconciliation: {report.Subjects} subjects compared, {report.Differences} differences " +
                $"({report.InterceptionDifferences} in the interception read model), {report.Repaired} repaired, " +
                $"{report.RemovalDifferences} rows of listing_removals and {report.MeasureDateDifferences} of measure_dates rewritten from the stored state, " +
                $"{report.FailingPublications.Count} whose publication keeps failing.");
            foreach (var failing in report.FailingPublications)
                Console.WriteLine($"  {failing.Describe()}");
            return report.Differences == report.Repaired && report.FailingPublications.Count == 0 ? 0 : 1;
        });
    case "rebuild-search":
        return await RunCommandAsync(args, async services =>
        {
            var listings = await services.GetRequiredService<ISearchIndexRebuilder>().RebuildAsync(CancellationToken.None);
            Console.WriteLine($"Search index rebuilt: {listings} active listings.");
            return 0;
        });
}

var app = await CreditApplication.BuildAsync(args);
await app.RunAsync();
return 0;

static async Task<int> RunCommandAsync(string[] args, Func<IServiceProvider, Task<int>> command)
{
    var app = await CreditApplication.BuildAsync(
        [.. args.Skip(1), "--urls", "http://127.0.0.1:0", "--Credit:Cluster:SiloPort", "0", "--Credit:Cluster:GatewayPort", "0"]);
    await app.StartAsync();
    var exitCode = await command(app.Services);
    await app.StopAsync();
    return exitCode;
}
