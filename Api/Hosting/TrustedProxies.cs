using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Credit.Api.Hosting;

/// <summary>Honours <c>X-Forwarded-For</c> from the configured proxies only, with ASP.NET Core's forwarded-headers
/// middleware: behind a proxy, each client of the public search has its own rate-limit bucket instead of all sharing
/// the proxy's, while a header sent by anyone else, a client naming any address it likes, changes nothing.</summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<TrustedProxyOptions>().BindConfiguration(TrustedProxyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrustedProxyOptions>, TrustedProxyValidation>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, proxies) =>
        {
            // With no known proxy or network at all the middleware checks no address and believes the header from anyone,
            // so without configured proxies it reads no header at all.
            forwarded.ForwardedHeaders = proxies.Value.TrustedProxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor;
            // The middleware trusts loopback by default; only what the operator names is trusted here.
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            // A chain of trusted proxies (a load balancer, then the ingress) is walked back to the first address none of
            // them is: the client.
            forwarded.ForwardLimit = null;
            foreach (var proxy in proxies.Value.TrustedProxies)
            {
                if (TrustedProxyOptions.TryParse(proxy, out var network))
                    forwarded.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    private sealed class TrustedProxyValidation : IValidateOptions<TrustedProxyOptions>
    {
        public ValidateOptionsResult Validate(string? name, TrustedProxyOptions options)
        {
            var wrong = options.TrustedProxies.Where(p => !TrustedProxyOptions.TryParse(p, out _)).ToList();
            return wrong.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(wrong.Select(p =>
                    $"{TrustedProxyOptions.Section}:{nameof(TrustedProxyOptions.TrustedProxies)} holds '{p}', which is neither a network (10.0.0.0/8) nor an address"));
        }
    }
}
