using System.Text;

namespace Credit.Grains.Interfaces.Identifiers;

/// <summary>An ID number as a person or an agency's system types it: Chinese input methods give full-width digits and Ｘ
/// (４４０１…), and people group the digits with spaces or hyphens (440103 19800101 3771). Read as the plain number, so that
/// a listed person is found and intercepted however the number was typed; the check character still refuses a mistyped one.</summary>
public static class TypedIdText
{
    public static string Plain(string text)
    {
        var narrow = text.Normalize(NormalizationForm.FormKC).Trim();
        return IsGroupedNumber(narrow) ? string.Concat(narrow.Where(c => c is not (' ' or '-'))) : narrow;
    }

    /// <summary>Only digits and X grouped by single separators: a passport or permit number keeps its own form.</summary>
    private static bool IsGroupedNumber(string text) =>
        text.Length > 0 && char.IsAsciiDigit(text[0])
        && text.All(c => char.IsAsciiDigit(c) || c is 'X' or 'x' or ' ' or '-')
        && !text.Contains("  ", StringComparison.Ordinal) && !text.Contains("--", StringComparison.Ordinal);
}
