using System.Text.Json.Serialization;

namespace Credit.Grains.Interfaces.Partners;

/// <summary>One listing as one partner receives it: always the listing's id (what a removal names), everything else only if
/// the partner is granted that field, and left out otherwise (in the changes as in the snapshot and the webhooks).</summary>
/// <param name="PhotoId">The subject's ID photo, served at <c>/api/v1/partners/{partner}/photos/{photoId}</c> while the listing
/// is in the partner's feed.</param>
public sealed record PartnerEntry(
    Guid ListingId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MaskedId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? AmountOwed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CourtName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CaseNumber,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? PublicationDate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Residence? Residence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Phones,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PhotoId = null);

/// <summary>What happened to a listing in a partner's feed.</summary>
public enum PartnerChangeType
{
    /// <summary>Now shown to this partner: show it.</summary>
    Added,
    /// <summary>Still shown, but what this partner sees of it changed.</summary>
    Changed,
    /// <summary>No longer to be shown (removed, expired, corrected out of the partner's filters): stop showing it at once.
    /// Carries the listing's id and nothing else.</summary>
    Removed,
}

/// <summary>A change of a partner's feed at a position of the partners' change log.</summary>
public sealed record PartnerChange(long Position, PartnerChangeType Type, PartnerEntry Entry);

/// <summary>Cuts listings down to what one partner may see (data minimisation), the one rule the pull feed, the event stream
/// and the webhooks share.</summary>
public static class PartnerView
{
    public static PartnerEntry? Of(PartnerListing? listing, IReadOnlySet<PartnerField> fields, IReadOnlyList<PartnerFilter> filters)
    {
        if (listing is null || !filters.All(f => f.Admits(listing)))
            return null;
        var court = fields.Contains(PartnerField.CourtAndCase);
        return new PartnerEntry(
            listing.ListingId,
            fields.Contains(PartnerField.Name) ? listing.Name : null,
            fields.Contains(PartnerField.MaskedId) ? listing.MaskedId : null,
            fields.Contains(PartnerField.AmountOwed) ? listing.AmountOwed : null,
            court ? listing.CourtName : null,
            court ? listing.CaseNumber : null,
            fields.Contains(PartnerField.PublicationDate) ? listing.PublicationDate : null,
            fields.Contains(PartnerField.Residence) ? listing.Residence : null,
            fields.Contains(PartnerField.Phones) ? listing.Phones : null,
            fields.Contains(PartnerField.Photo) ? listing.PhotoId : null);
    }

    /// <summary>How the partner's view of one listing moved from <paramref name="before"/> to <paramref name="after"/> (null:
    /// not active), or null when the partner sees no difference.</summary>
    public static PartnerChange? Change(long position, PartnerListing? before, PartnerListing? after, IReadOnlySet<PartnerField> fields,
        IReadOnlyList<PartnerFilter> filters)
    {
        var was = Of(before, fields, filters);
        var now = Of(after, fields, filters);
        return (was, now) switch
        {
            (null, null) => null,
            (null, { } added) => new PartnerChange(position, PartnerChangeType.Added, added),
            ({ } removed, null) => new PartnerChange(position, PartnerChangeType.Removed, Removal(removed.ListingId)),
            ({ } old, { } current) when Same(old, current) => null,
            (_, { } changed) => new PartnerChange(position, PartnerChangeType.Changed, changed),
        };
    }

    public static PartnerEntry Removal(Guid listingId) => new(listingId, null, null, null, null, null, null, null, null);

    private static bool Same(PartnerEntry a, PartnerEntry b) =>
        a with { Phones = null } == b with { Phones = null } && (a.Phones ?? []).SequenceEqual(b.Phones ?? []);
}
