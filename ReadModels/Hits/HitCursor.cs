using System.Globalization;
using Credit.ReadModels.Paging;

namespace Credit.ReadModels.Hits;

/// <summary>Where a page of a court's hits ended: the last hit's instant and id. Opaque to clients
/// (base64url of "utc ticks|id").</summary>
public readonly record struct HitCursor(DateTimeOffset OccurredAt, Guid Id)
{
    public string Encode() => OpaqueCursor.Encode(OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture), Id.ToString("N"));

    public static bool TryDecode(string? text, out HitCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
            return true;
        if (OpaqueCursor.TryDecode(text, 2, out var parts)
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks
            && Guid.TryParseExact(parts[1], "N", out var id))
        {
            cursor = new HitCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            return true;
        }
        return false;
    }
}
