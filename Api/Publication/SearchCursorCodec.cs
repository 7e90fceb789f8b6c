using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Credit.Api.Publication;

/// <summary>Cursors are opaque to clients: base64url of "rank|date|listing id".</summary>
public static class SearchCursorCodec
{
    public static string Encode(SearchCursor cursor) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(
        $"{cursor.Rank}|{cursor.PublicationDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}|{cursor.ListingId:N}"));

    public static bool TryDecode(string? text, out SearchCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
            return true;
        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(text)).Split('|');
            if (parts.Length == 3
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rank)
                && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && Guid.TryParseExact(parts[2], "N", out var id))
            {
                cursor = new SearchCursor(rank, date, id);
                return true;
            }
        }
        catch (FormatException)
        {
        }
        return false;
    }
}
