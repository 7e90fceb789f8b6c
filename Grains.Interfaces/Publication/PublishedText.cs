using System.Buffers;
using System.Text;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Text;

namespace Credit.Grains.Interfaces.Publication;

/// <summary>Stored text as it is handed to the readers (the public read model, the agencies' read model, the change log).
/// <see cref="TextRules"/> keeps bad text out of new changes; this keeps the projection total over whatever a subject's state
/// already holds, so that no stored change is ever left unpublished because of its text: a lone surrogate (which UTF-8 cannot
/// carry) or NUL (which PostgreSQL text cannot hold) becomes U+FFFD, and a full resident ID number written into the text
/// before the rule refused it is masked as the public sees IDs.</summary>
public static class PublishedText
{
    public const char Replacement = '\uFFFD';

    /// <summary>For a column that holds text whatever the state says: null becomes empty.</summary>
    public static string Of(string? text) => text is null ? "" : ResidentIdsInText.Mask(WellFormed(text));

    public static string? OrNull(string? text) => text is null ? null : Of(text);

    /// <summary>Every lone surrogate and NUL replaced by U+FFFD; the same string when there is none.</summary>
    public static string WellFormed(string text)
    {
        var span = text.AsSpan();
        if (Utf16Clean(span))
            return text;
        var builder = new StringBuilder(text.Length);
        while (!span.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(span, out var rune, out var used);
            if (status != OperationStatus.Done || rune.Value == 0)
                builder.Append(Replacement);
            else
                builder.Append(span[..used]);
            span = span[used..];
        }
        return builder.ToString();
    }

    private static bool Utf16Clean(ReadOnlySpan<char> text)
    {
        if (text.IndexOf('\0') >= 0)
            return false;
        for (var i = text.IndexOfAnyInRange('\uD800', '\uDFFF'); i >= 0 && i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i]))
                continue;
            if (!char.IsHighSurrogate(text[i]) || i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1]))
                return false;
            i++;
        }
        return true;
    }
}
