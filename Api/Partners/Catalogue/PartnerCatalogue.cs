using Credit.Grains.Interfaces.Partners;

namespace Credit.Api.Partners.Catalogue;

/// <summary>What kind of channel a partner is.</summary>
public enum PartnerKind
{
    /// <summary>A news or map app pushing notices to phones near the debtor's residence.</summary>
    App,
    /// <summary>WeChat, showing the list in the debtor's friends' Moments.</summary>
    WeChat,
    /// <summary>A telecom operator setting a ring-back tone on the debtor's phone.</summary>
    Telecom,
}

/// <summary>How a partner may take its feed.</summary>
public enum PartnerDelivery
{
    /// <summary>Snapshot and changes after a position, asked for (long polls included).</summary>
    Pull,
    /// <summary>The changes as server-sent events.</summary>
    Sse,
    /// <summary>Signed HTTP requests to the partner's own URLs.</summary>
    Webhook,
}

/// <summary>An exposure partner as the partner file defines it.</summary>
/// <param name="Fields">What it may receive of a listing besides its id (data minimisation).</param>
/// <param name="Filter">Which listings it receives at all.</param>
public sealed record PartnerDefinition(
    string Code,
    string NameZh,
    string NameEn,
    PartnerKind Kind,
    IReadOnlySet<PartnerField> Fields,
    PartnerFilter Filter,
    IReadOnlySet<PartnerDelivery> Delivery);

/// <summary>The partners of the partner file. Immutable: a reload swaps in a new instance.</summary>
public sealed class PartnerCatalogue(IReadOnlyList<PartnerDefinition> partners)
{
    public IReadOnlyDictionary<string, PartnerDefinition> Partners { get; } = partners.ToDictionary(p => p.Code, StringComparer.Ordinal);

    /// <summary>The partners in the order of the file.</summary>
    public IReadOnlyList<PartnerDefinition> List { get; } = [.. partners];
}
