using System.Text.RegularExpressions;

namespace Credit.Silo.Logging;

/// <summary>Masks resident ID numbers in log text as the national site masks them (birth month and day hidden).</summary>
public static partial class ResidentIdRedaction
{
    // Six digits of region, a birth date from 1900 on, three digits and the check character; not inside a longer run of
    // digits (an amount, a timestamp), so other numbers are left alone.
    [GeneratedRegex(@"(?<![0-9])([0-9]{6}(?:19|20)[0-9]{2})(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])([0-9]{3}[0-9Xx])(?![0-9])")]
    private static partial Regex ResidentId();

    public static string Redact(string text) => text.Length < 18 ? text : ResidentId().Replace(text, "$1****$2");
}
