using Credit.Api.Configuration;
using Credit.Api.Partners.Access;
using Credit.Api.Partners.Catalogue;
using Credit.Api.Partners.Feeds;
using Credit.Api.Partners.Nearby;
using Credit.Api.Partners.Photos;
using Credit.Api.Partners.Records;
using Credit.Api.Partners.Webhooks;
using Credit.ReadModels.Partners;
using Credit.ReadModels.PublicListings;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Credit.Api.Partners;

public static class PartnerSetup
{
    /// <summary>The exposure partners from the file named by <c>Credit:Partners:PartnerFile</c> (checked at start, followed
    /// while the platform runs, each version's grants copied to the partners' webhook subscriptions), their keys, feeds and
    /// webhooks, the courts' partner records and the public nearby search.</summary>
    public static IServiceCollection AddPartners(this IServiceCollection services)
    {
        services.AddOptions<PartnerFileOptions>()
            .BindConfiguration(PartnerFileOptions.Section)
            .Validate(o => o.ReloadDelay >= TimeSpan.Zero && o.ReloadDelay <= TimeSpan.FromMinutes(1), $"{PartnerFileOptions.Section}:ReloadDelay must be 0 to 1 minute")
            .Validate(o => o.CheckInterval >= TimeSpan.Zero, $"{PartnerFileOptions.Section}:CheckInterval must not be negative")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<PartnerFileOptions>>().Value;
            return new WatchedFile<PartnerCatalogue>(options.FullPath, PartnerFile.Parse, new WatchPolicy(options.ReloadDelay, options.CheckInterval),
                provider.GetRequiredService<ILogger<WatchedFile<PartnerCatalogue>>>(), provider.GetRequiredService<TimeProvider>());
        });
        services.AddHostedService<PartnerGrants>();
        services.AddPartnerAccess();
        services.TryAddSingleton<PartnerFeed>();
        services.AddSingleton<PartnerFeedReader>();
        services.AddSingleton<PartnerRecords>();
        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<NearbySearch>();
        services.AddSingleton<PartnerPhotos>();
        return services;
    }

    public static IEndpointRouteBuilder MapPartners(this IEndpointRouteBuilder app)
    {
        app.MapPartnerFeeds();
        app.MapWebhookSubscriptions();
        app.MapPartnerRecords();
        app.MapNearby();
        app.MapPartnerPhotos();
        return app;
    }
}

/// <summary>Reads the partner file when the platform starts (an invalid file stops the start with its problems named) and
/// copies each version's grants and filters to the partners' webhook subscriptions, which a silo on its own delivers.</summary>
internal sealed class PartnerGrants(WatchedFile<PartnerCatalogue> catalogue, WebhookSubscriptions subscriptions, ILogger<PartnerGrants> logger) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Exposure partners {Path}: {Partners} partners", catalogue.FilePath, catalogue.Current.Partners.Count);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (ChangeToken.OnChange(catalogue.GetReloadToken, () => reloaded.TrySetResult()))
            {
                try
                {
                    await subscriptions.SyncGrantsAsync(
                        [.. catalogue.Current.List.Where(p => p.Delivery.Contains(PartnerDelivery.Webhook)).Select(p => (p.Code, p.Fields, p.Filter))], stoppingToken);
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(error, "Copying the partners' grants to their webhook subscriptions failed; trying again in 10 seconds");
                    await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    continue;
                }
                await reloaded.Task.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
