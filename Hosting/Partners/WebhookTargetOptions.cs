namespace Credit.Hosting.Partners;

/// <summary>Where webhooks may go beyond the public internet over https (section <c>Credit:Partners:Webhooks:Targets</c>).</summary>
public sealed class WebhookTargetOptions
{
    public const string Section = "Credit:Partners:Webhooks:Targets";

    /// <summary>Host names or IP addresses (as written in the URL, without port) a subscription may use with plain http and
    /// whatever addresses they resolve to: a receiver inside our own network, or a test's receiver on loopback. Empty in
    /// production: every partner receives over https at a public address.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>How long resolving a receiver's host may take at registration or before a connection.</summary>
    public TimeSpan ResolveTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
