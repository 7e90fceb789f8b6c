using System.Net;
using System.Net.Sockets;

namespace Credit.Grains.Interfaces.Partners;

/// <summary>The addresses no webhook is sent to unless its host is allow-listed: a partner's URL must not make the platform
/// reach into its own network (server-side request forgery), the cloud's metadata service (169.254.169.254) included.</summary>
public static class WebhookAddresses
{
    /// <summary>The kind of address <paramref name="address"/> is when a webhook may not go there ("loopback", "private", …),
    /// or null for a public address. IPv4 inside IPv6 (mapped, NAT64) is judged as the IPv4 address it carries.</summary>
    public static string? Refused(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => RefusedV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => RefusedV6(address),
            _ => "not an IP address",
        };
    }

    private static string? RefusedV4(byte[] b) => b switch
    {
        [0, ..] => "unspecified (0.0.0.0/8)",
        [127, ..] => "loopback (127.0.0.0/8)",
        [10, ..] => "private (10.0.0.0/8, RFC 1918)",
        [172, >= 16 and <= 31, ..] => "private (172.16.0.0/12, RFC 1918)",
        [192, 168, ..] => "private (192.168.0.0/16, RFC 1918)",
        [169, 254, ..] => "link-local (169.254.0.0/16, the cloud metadata address included)",
        [100, >= 64 and <= 127, ..] => "shared address space (100.64.0.0/10, CGNAT)",
        [>= 224 and <= 239, ..] => "multicast (224.0.0.0/4)",
        [>= 240, ..] => "reserved or broadcast (240.0.0.0/4)",
        // IETF protocol assignments and the documentation and benchmarking ranges never hold a partner's receiver.
        [192, 0, 0, _] or [192, 0, 2, _] or [198, 51, 100, _] or [203, 0, 113, _] or [198, 18 or 19, ..] => "reserved (IETF special-purpose)",
        _ => null,
    };

    private static string? RefusedV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6None))
            return "unspecified (::)";
        if (address.Equals(IPAddress.IPv6Loopback))
            return "loopback (::1)";
        // NAT64 (64:ff9b::/96) and IPv4-compatible addresses carry an IPv4 address in their last four bytes.
        if ((b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
            || b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
            return RefusedV4(b[12..]);
        return b switch
        {
            [>= 0xfc and <= 0xfd, ..] => "private (fc00::/7, unique local)",
            [0xfe, >= 0x80 and <= 0xbf, ..] => "link-local (fe80::/10)",
            [0xfe, >= 0xc0, ..] => "private (fec0::/10, site-local)",
            [0xff, ..] => "multicast (ff00::/8)",
            [0x20, 0x01, 0x0d, 0xb8, ..] => "reserved (2001:db8::/32, documentation)",
            _ => null,
        };
    }
}
