using System.Text.Json;
using System.Text.Json.Serialization;
using Credit.Api.Partners.Catalogue;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Partners;
using Credit.ReadModels.Partners;

namespace Credit.Api.Partners.Feeds;

/// <summary>A page of a partner's changes. <see cref="Next"/> is the position to ask after next time; it moves past changes
/// the partner does not receive too.</summary>
public sealed record PartnerChangePage(IReadOnlyList<PartnerChange> Changes, long Next);

/// <summary>A partner's changes after a position of the partners' change log, each cut down to what the partner sees of it
/// (<see cref="PartnerView"/>): the same rule as its snapshot and its webhooks.</summary>
public sealed class PartnerFeedReader(PartnerFeed feed)
{
    public const int MaxLimit = 1000;

    /// <summary>How the snapshot's lines and the events' data are written: fields the partner is not granted are left out.</summary>
    public static readonly JsonSerializerOptions Lines = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Checks a position a partner asks to resume after: a position beyond the head was never given out.</summary>
    public async Task CheckResumableAsync(long? after, string field, RequestErrors errors, CancellationToken cancellationToken)
    {
        if (after is < 0)
        {
            errors.Add(field, "must be a position of the partners' change log (0 or more)");
            return;
        }
        if (after is not { } position)
            return;
        var head = await feed.HeadAsync(cancellationToken);
        if (position > head)
        {
            errors.Add(field, FormattableString.Invariant(
                $"is beyond the newest position of the partners' change log, {head}: resume from a position this feed gave out, or take a new snapshot and follow from its {PartnerFeedEndpoints.PositionHeader}"));
        }
    }

    public async Task<PartnerChangePage> ReadAsync(PartnerDefinition partner, long after, int limit, CancellationToken cancellationToken)
    {
        var rows = await feed.ChangesAfterAsync(after, limit, cancellationToken);
        var seen = new List<PartnerChange>(rows.Count);
        foreach (var row in rows)
        {
            if (PartnerView.Change(row.Position, row.Before, row.After, partner.Fields, [partner.Filter]) is { } change)
                seen.Add(change);
        }
        // The writer holds the head until it commits: the rows read are every position up to the last one.
        return new PartnerChangePage(seen, rows.Count > 0 ? rows[^1].Position : after);
    }
}
