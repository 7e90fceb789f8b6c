using System.Globalization;
using Credit.ReadModels.Paging;

namespace Credit.ReadModels.PublicListings;

/// <summary>Cursors are opaque to clients: base64url of "rank|date|listing id".</summary>
public static class SearchCursorCodec
{
    public static string Encode(SearchCursor cursor) => OpaqueCursor.Encode(
        cursor.Rank.ToString(CultureInfo.InvariantCulture), cursor.PublicationDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cursor.ListingId.ToString("N"));

    public static bool TryDecode(string? text, out SearchCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
            return true;
        if (OpaqueCursor.TryDecode(text, 3, out var parts)
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rank)
            && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && Guid.TryParseExact(parts[2], "N", out var id))
        {
            cursor = new SearchCursor(rank, date, id);
            return true;
        }
        return false;
    }
}
