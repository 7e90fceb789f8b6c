using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Credit.ReadModels.Paging;

/// <summary>The form of every cursor the API hands out: base64url of its parts joined by '|', opaque to clients.</summary>
public static class OpaqueCursor
{
    public static string Encode(params string[] parts) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(string.Join('|', parts)));

    /// <summary>The parts of <paramref name="text"/>, or false when it is not a cursor of <paramref name="count"/> parts.</summary>
    public static bool TryDecode(string text, int count, out string[] parts)
    {
        parts = [];
        try
        {
            parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(text)).Split('|');
        }
        catch (FormatException)
        {
            return false;
        }
        return parts.Length == count;
    }
}
