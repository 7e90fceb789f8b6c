using System.Net;

namespace Credit.Hosting.Settings;

/// <summary>How this process joins the Orleans cluster.</summary>
public sealed class ClusterHostingOptions
{
    public const string Section = "Credit:Cluster";

    /// <summary>Run the Orleans silo inside the API process (one machine), or only a client of a separate silo (k8s).</summary>
    public bool CoHostSilo { get; set; } = true;
    public string ClusterId { get; set; } = "credit";
    public string ServiceId { get; set; } = "credit";
    /// <summary>0 picks a free port, so that several platforms (tests) can run on one machine.</summary>
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos dial to reach this one: in Kubernetes the pod's IP, from the downward API.
    /// Empty: the loopback address, for a silo alone on one machine.</summary>
    public string? AdvertisedAddress { get; set; }

    public IPAddress Advertised => IPAddress.TryParse(AdvertisedAddress, out var address) ? address : IPAddress.Loopback;
}
