using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace Credit.Api.Hosting;

/// <summary>The proxies in front of the API (an ingress controller, a load balancer), whose <c>X-Forwarded-For</c>
/// names the client they forward for.</summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "Credit:Http";

    /// <summary>Networks (<c>10.0.0.0/8</c>) or single addresses of the proxies. Empty, the default: the header is never
    /// honoured, and each connection's own address is the client's.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    public static bool TryParse(string text, out IPNetwork network)
    {
        if (IPNetwork.TryParse(text.Trim(), out network))
            return true;
        if (IPAddress.TryParse(text.Trim(), out var address))
        {
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }
        return false;
    }
}

/// <summary>Honours <c>X-Forwarded-For</c> from the configured proxies only, with ASP.NET Core's forwarded-headers
/// middleware: behind a proxy, each client of the public search has its own rate-limit bucket instead of all sharing
/// the proxy's, while a header sent by anyone else, a client naming any address it likes, changes nothing.</summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrustedProxyOptions>().Bind(configuration.GetSection(TrustedProxyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrustedProxyOptions>, TrustedProxyValidation>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
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
