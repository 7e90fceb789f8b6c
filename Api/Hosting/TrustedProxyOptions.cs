using System.Net;
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
