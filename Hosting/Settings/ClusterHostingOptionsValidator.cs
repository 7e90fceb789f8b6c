using System.Net;
using Microsoft.Extensions.Options;

namespace Credit.Hosting.Settings;

/// <summary>Refuses cluster settings that cannot work, naming each setting and its rule.</summary>
public sealed class ClusterHostingOptionsValidator : IValidateOptions<ClusterHostingOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterHostingOptions options)
    {
        const string section = ClusterHostingOptions.Section;
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
            problems.Add($"{section}:ClusterId must not be empty");
        if (string.IsNullOrWhiteSpace(options.ServiceId))
            problems.Add($"{section}:ServiceId must not be empty");
        if (options.SiloPort is < 0 or > IPEndPoint.MaxPort)
            problems.Add($"{section}:SiloPort must be 0 (a free port) to 65535");
        if (options.GatewayPort is < 0 or > IPEndPoint.MaxPort)
            problems.Add($"{section}:GatewayPort must be 0 (a free port) to 65535");
        if (options.SiloPort != 0 && options.SiloPort == options.GatewayPort)
            problems.Add($"{section}:SiloPort and GatewayPort must differ");
        // Silently falling back to the loopback address would leave the other silos unable to reach this one.
        if (!string.IsNullOrWhiteSpace(options.AdvertisedAddress) && !IPAddress.TryParse(options.AdvertisedAddress, out _))
            problems.Add($"{section}:AdvertisedAddress must be an IP address (the pod's, from the downward API) or empty");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
