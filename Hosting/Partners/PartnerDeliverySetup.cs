using Credit.Grains.Interfaces.Partners;
using Credit.Grains.Partners;
using Credit.ReadModels.Partners;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Credit.Hosting.Partners;

public static class PartnerDeliverySetup
{
    /// <summary>The partners' projection (listings and change log), the signal of its head, and the webhook subscriptions'
    /// storage, transport, retry rules (checked at start) and waker: what a silo needs to deliver webhooks, on its own or in the
    /// API's process.</summary>
    public static IServiceCollection AddPartnerDeliveries(this IServiceCollection services)
    {
        services.AddOptions<WebhookRules>()
            .BindConfiguration(WebhookRules.Section)
            .Validate(r => r.FirstRetryDelay > TimeSpan.Zero && r.FirstRetryDelay <= r.MaximumRetryDelay,
                $"{WebhookRules.Section}:FirstRetryDelay must be positive and at most MaximumRetryDelay")
            .Validate(r => r.MaximumRetryDelay <= TimeSpan.FromHours(6), $"{WebhookRules.Section}:MaximumRetryDelay must be at most 6 hours")
            .Validate(r => r.RetryFor >= TimeSpan.FromHours(24), $"{WebhookRules.Section}:RetryFor must be at least 24 hours (a receiver down for a night loses nothing)")
            .Validate(r => r.RequestTimeout >= TimeSpan.FromSeconds(1) && r.RequestTimeout <= TimeSpan.FromMinutes(1),
                $"{WebhookRules.Section}:RequestTimeout must be 1 second to 1 minute")
            .Validate(r => r.ConnectionsPerReceiver is >= 1 and <= 256, $"{WebhookRules.Section}:ConnectionsPerReceiver must be 1 to 256")
            .ValidateOnStart();
        services.AddOptions<WebhookTargetOptions>()
            .BindConfiguration(WebhookTargetOptions.Section)
            .Validate(o => o.AllowedHosts.All(h => !string.IsNullOrWhiteSpace(h) && !h.Contains('/') && !h.Contains('*')),
                $"{WebhookTargetOptions.Section}:AllowedHosts must be host names or IP addresses, without scheme, path or wildcard")
            .Validate(o => o.ResolveTimeout > TimeSpan.Zero && o.ResolveTimeout <= TimeSpan.FromSeconds(30),
                $"{WebhookTargetOptions.Section}:ResolveTimeout must be positive and at most 30 seconds")
            .ValidateOnStart();
        services.AddOptions<WebhookSecretOptions>().BindConfiguration(WebhookSecretOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookSecretOptions>, WebhookSecretOptionsValidator>();
        services.TryAddSingleton<WebhookSecretProtector>();
        services.TryAddSingleton<WebhookTargets>();
        services.TryAddSingleton<IWebhookTargets>(provider => provider.GetRequiredService<WebhookTargets>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PartnerFeed>();
        services.TryAddSingleton<PartnerChangeSignal>();
        services.AddHostedService(provider => provider.GetRequiredService<PartnerChangeSignal>());
        services.AddHostedService<PartnerProjector>();
        services.TryAddSingleton<PartnerChangeWindow>();
        services.TryAddSingleton<WebhookPositions>();
        services.AddHostedService<WebhookPositionFlusher>();
        services.TryAddSingleton<PostgresWebhookDeliveries>();
        services.TryAddSingleton<IWebhookDeliveries>(provider => provider.GetRequiredService<PostgresWebhookDeliveries>());
        services.TryAddSingleton<IWebhookTransport, WebhookTransport>();
        services.AddHostedService<WebhookWaker>();
        return services;
    }
}
