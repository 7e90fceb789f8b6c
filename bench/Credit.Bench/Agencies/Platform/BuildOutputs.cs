namespace Credit.Bench.Agencies.Platform;

/// <summary>Where the programs the bench starts were built: the Api and the minimal endpoint are project references
/// of the bench, so building the bench builds them, in the same configuration, into their own output folders.</summary>
public sealed record BuildOutputs(string Repository, string Api, string MinimalEndpoint)
{
    public string ApiFolder => Path.GetDirectoryName(Api)!;

    public string CatalogueFile => Path.Combine(ApiFolder, Credit.Api.Agencies.Catalogue.AgencyCatalogueSource.DefaultFile);

    public static BuildOutputs Find()
    {
        // The bench runs from <repository>/bench/Credit.Bench/bin/<configuration>/<framework>/.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var repository = output;
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "Credit.sln")))
            repository = repository.Parent;
        if (repository is null)
            throw new InvalidOperationException($"cannot find Credit.sln above {AppContext.BaseDirectory}; run the bench from the repository (dotnet run --project bench/Credit.Bench)");
        var api = Path.Combine(repository.FullName, "Api", "bin", configuration, framework, "Api.dll");
        var minimal = Path.Combine(repository.FullName, "bench", "Credit.Bench.MinimalEndpoint", "bin", configuration, framework, "Credit.Bench.MinimalEndpoint.dll");
        foreach (var file in new[] { api, minimal })
        {
            if (!File.Exists(file))
                throw new InvalidOperationException($"{file} is missing; build the bench first (dotnet build -c Release bench/Credit.Bench)");
        }
        return new BuildOutputs(repository.FullName, api, minimal);
    }
}
