namespace Credit.Grains.Interfaces.Identifiers;

/// <summary>An ID number as a person or an agency's system types it: Chinese input methods give full-width digits and Ｘ
/// (４４０１…), and people group the digits with spaces or hyphens (440103 19800101 3771). Read as the plain number, so that
/// a listed person is found and intercepted however the number was typed; the check character still refuses a mistyped one.
/// The widths are mapped one by one rather than by Unicode normalisation, which throws on text that is not well formed
/// (and an agency's input may be anything).</summary>
public static class TypedIdText
{
    public static string Plain(string text)
    {
        var narrow = string.Create(text.Length, text, static (target, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                target[i] = Narrow(source[i]);
        }).Trim();
        return IsGroupedNumber(narrow) ? string.Concat(narrow.Where(c => c is not (' ' or '-'))) : narrow;
    }

    private static char Narrow(char c) => c switch
    {
        >= '０' and <= '９' => (char)('0' + (c - '０')),
        'Ｘ' => 'X',
        'ｘ' => 'x',
        '\u3000' => ' ',
        '－' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' => '-',
        _ => c,
    };

    /// <summary>Only digits and X grouped by single separators: a passport or permit number keeps its own form.</summary>
    private static bool IsGroupedNumber(string text) =>
        text.Length > 0 && char.IsAsciiDigit(text[0])
        && text.All(c => char.IsAsciiDigit(c) || c is 'X' or 'x' or ' ' or '-')
        && !text.Contains("  ", StringComparison.Ordinal) && !text.Contains("--", StringComparison.Ordinal);
}
