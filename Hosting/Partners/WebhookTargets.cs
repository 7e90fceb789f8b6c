using System.Net;
using System.Net.Sockets;
using Credit.Grains.Interfaces.Partners;
using Microsoft.Extensions.Options;

namespace Credit.Hosting.Partners;

/// <summary>The webhook target rule (<see cref="IWebhookTargets"/>): https to a host that is, or resolves to, public addresses
/// only, unless the host is in <see cref="WebhookTargetOptions.AllowedHosts"/>. Deliveries connect only to an address this
/// returns (<see cref="WebhookTransport"/>'s connect callback), so a host re-pointed at an internal address after it was
/// registered is refused at send time too.</summary>
public sealed class WebhookTargets(IOptions<WebhookTargetOptions> options) : IWebhookTargets
{
    private readonly HashSet<string> allowed = options.Value.AllowedHosts.Select(Normalise).ToHashSet(StringComparer.Ordinal);

    public bool IsAllowListed(string host) => allowed.Contains(Normalise(host));

    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken = default)
    {
        var host = url.DnsSafeHost;
        if (IsAllowListed(host))
            return null;
        if (url.Scheme != Uri.UriSchemeHttps)
            return "must use https (plain http only to a host in the webhook allow-list)";
        try
        {
            var refused = (await ResolveAsync(host, cancellationToken)).Select(a => (Address: a, Kind: WebhookAddresses.Refused(a))).FirstOrDefault(r => r.Kind is not null);
            return refused.Kind is null ? null
                : $"must not point at a {refused.Kind} address: {host} is or resolves to {refused.Address} (only public addresses, unless the host is in the webhook allow-list)";
        }
        catch (WebhookTargetRefusedException error)
        {
            return error.Message;
        }
    }

    public async Task<IReadOnlyList<IPAddress>> AddressesAsync(string host, CancellationToken cancellationToken = default)
    {
        var addresses = await ResolveAsync(host, cancellationToken);
        if (IsAllowListed(host))
            return addresses;
        var reachable = addresses.Where(a => WebhookAddresses.Refused(a) is null).ToList();
        if (reachable.Count == 0)
        {
            throw new WebhookTargetRefusedException(
                $"refused before connecting: {host} resolves to {string.Join(", ", addresses.Select(a => $"{a} ({WebhookAddresses.Refused(a)})"))}, no public address");
        }
        return reachable;
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
            return [literal];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ResolveTimeout);
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
            return addresses.Length > 0 ? addresses : throw new WebhookTargetRefusedException($"must name a host that resolves: {host} has no address");
        }
        catch (SocketException error)
        {
            throw new WebhookTargetRefusedException($"must name a host that resolves: {host} does not ({error.SocketErrorCode})");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebhookTargetRefusedException($"must name a host that resolves: resolving {host} took longer than {options.Value.ResolveTimeout.TotalSeconds:0} s");
        }
    }

    private static string Normalise(string host) => host.Trim().Trim('[', ']').TrimEnd('.').ToLowerInvariant();
}
