using System.Text.RegularExpressions;

namespace Credit.Grains.Interfaces.Identifiers;

/// <summary>Resident ID numbers written into text (a court's free text, a log line), found and masked as the national site
/// masks them (birth month and day hidden, <c>4401031990****1234</c>). Being laid out as one is enough, whatever the check
/// character says: a mistyped number still names a person. Digits may be half- or full-width, as a Chinese input method types
/// them (４４０１…); a longer run of digits (an account number, an amount, a timestamp) is not an ID.</summary>
public static partial class ResidentIdsInText
{
    // Six digits of region, a birth date from 1900 on, three digits and the check character, each digit ASCII or full-width.
    [GeneratedRegex("""
        (?<![0-9０-９])
        ([0-9０-９]{6}(?:[1１][9９]|[2２][0０])[0-9０-９]{2})
        (?:[0０][1-9１-９]|[1１][0-2０-２])(?:[0０][1-9１-９]|[12１２][0-9０-９]|[3３][01０１])
        ([0-9０-９]{3}[0-9０-９XxＸｘ])
        (?![0-9０-９])
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex ResidentId();

    /// <summary>The first resident ID in <paramref name="text"/>, masked; null when there is none.</summary>
    public static string? FirstMasked(string text) =>
        text.Length >= 18 && ResidentId().Match(text) is { Success: true } found ? found.Result("$1****$2") : null;

    /// <summary>The text with every resident ID in it masked.</summary>
    public static string Mask(string text) => text.Length < 18 ? text : ResidentId().Replace(text, "$1****$2");
}
