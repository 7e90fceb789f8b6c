using System.Net;

namespace Credit.Grains.Interfaces.Partners;

/// <summary>Where a webhook may be sent: the rule a subscription's URL must meet when it is registered, and the addresses a
/// delivery may connect to when it is sent (a host's DNS answer can change after registration).</summary>
public interface IWebhookTargets
{
    /// <summary>Why a subscription may not have <paramref name="url"/> (the rule it breaks, for the problem answered), or null
    /// when it may: https, or a host of the allow-list; a host that is, or resolves to, only public addresses.</summary>
    Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken = default);

    /// <summary>The addresses a delivery to <paramref name="host"/> may connect to, in the resolver's order; throws
    /// <see cref="WebhookTargetRefusedException"/> when the host has none (every address it resolves to is refused).</summary>
    Task<IReadOnlyList<IPAddress>> AddressesAsync(string host, CancellationToken cancellationToken = default);
}

/// <summary>A delivery refused before connecting: the receiver's host resolves to no address a webhook may reach.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
