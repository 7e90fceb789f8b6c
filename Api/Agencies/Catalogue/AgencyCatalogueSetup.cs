using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Credit.Api.Agencies.Catalogue;

public static class AgencyCatalogueSetup
{
    /// <summary>The measure catalogue and agency registry from the file named by <c>Credit:Agencies:CatalogueFile</c>
    /// (default: the copy next to the assemblies), checked at start and followed while the platform runs.</summary>
    public static IServiceCollection AddAgencyCatalogue(this IServiceCollection services)
    {
        services.AddOptions<AgencyCatalogueOptions>()
            .BindConfiguration(AgencyCatalogueOptions.Section)
            .Validate(o => o.ReloadDelay >= TimeSpan.Zero && o.ReloadDelay <= TimeSpan.FromMinutes(1), $"{AgencyCatalogueOptions.Section}:ReloadDelay must be 0 to 1 minute")
            .Validate(o => o.CheckInterval >= TimeSpan.Zero, $"{AgencyCatalogueOptions.Section}:CheckInterval must not be negative")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => AgencyCatalogueSource.Follow(
            provider.GetRequiredService<IOptions<AgencyCatalogueOptions>>().Value,
            provider.GetRequiredService<ILogger<AgencyCatalogueSource>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddHostedService<AgencyCatalogueStartup>();
        return services;
    }
}

/// <summary>Reads the catalogue when the platform starts: the host makes every hosted service before it starts
/// any, so an invalid file stops the platform, with the file's problems, before the silo or the API is up.</summary>
internal sealed class AgencyCatalogueStartup(AgencyCatalogueSource source, ILogger<AgencyCatalogueStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var catalogue = source.Current;
        logger.LogInformation("Agency catalogue {Path}: {Categories} categories, {Measures} measures, {Agencies} agencies",
            source.FilePath, catalogue.Categories.Count, catalogue.Measures.Count, catalogue.Agencies.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
