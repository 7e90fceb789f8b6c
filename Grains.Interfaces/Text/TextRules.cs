using System.Buffers;
using System.Globalization;
using System.Text;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Interfaces.Text;

/// <summary>The one rule for text that a request brings in, whatever the field: any Unicode scalar value is welcome (names
/// written with CJK Extension B–I characters such as 𠮷, the middle dot of minority names, emoji), nothing that is not text
/// (a lone surrogate, NUL, control characters, noncharacters) and nothing invisible that changes how a text is matched or read
/// (a zero-width space inside 张三 would hide the name from the public search; a direction override reverses it), and lengths counted in the characters a person sees (text elements), not in
/// UTF-16 units. Text that is published must not carry a full resident ID number: the public sees IDs masked (Art. 6 and the
/// national site), so a court writes the subject as 被执行人 or the number masked, and the platform refuses to guess.</summary>
public static class TextRules
{
    /// <summary>One line: a name, an issuing body, a document or decision number.</summary>
    public static Refusal? Line(string? text, string field, int maxLength, bool published = true) =>
        Check(text, field, maxLength, multiLine: false, published);

    /// <summary>A person's or an entity's name: one line, with at least one letter of some script (王, 𠮷, A, ا): dots, brackets,
    /// digits or emoji alone name nobody, and a debtor renamed to "··" could no longer be found by name.</summary>
    public static Refusal? Name(string? text, string field, int maxLength, bool published = true) =>
        Line(text, field, maxLength, published)
        ?? (text!.EnumerateRunes().Any(Rune.IsLetter) ? null
            : new Refusal(RefusalKind.Invalid, field, "must contain at least one letter of a name (Chinese characters or letters of any script); punctuation, digits or symbols alone are no name"));

    /// <summary>May run over several lines: an obligation, a dishonest behaviour, an explanation.</summary>
    public static Refusal? Paragraph(string? text, string field, int maxLength, bool published = true) =>
        Check(text, field, maxLength, multiLine: true, published);

    /// <summary>Characters as a person counts them: 王𠮷明 is 3 (4 UTF-16 units), 阿依古丽·买买提 is 8, a family emoji is 1.</summary>
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>Why <paramref name="text"/> is not text the platform can store and hand on, or null when it is.</summary>
    public static string? Malformed(string text, bool multiLine)
    {
        var rest = text.AsSpan();
        Rune? previous = null;
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done)
                return $"is not valid Unicode text: it holds a lone surrogate (U+{(int)rest[0]:X4}) at character {Length(text[..(text.Length - rest.Length)]) + 1}";
            if (rune.Value == 0)
                return "must not contain NUL (U+0000)";
            if (Rune.IsControl(rune) && !(multiLine && rune.Value is '\n' or '\r' or '\t'))
                return multiLine
                    ? $"must not contain control characters other than line breaks and tabs (U+{rune.Value:X4})"
                    : $"must be a single line without control characters (U+{rune.Value:X4})";
            if (!multiLine && Rune.GetUnicodeCategory(rune) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                return $"must be a single line (U+{rune.Value:X4} separates lines)";
            if (IsNoncharacter(rune))
                return $"must not contain Unicode noncharacters (U+{rune.Value:X4}), which are never text";
            var after = rest[used..];
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format && !JoinsEmoji(rune, previous, after))
                return $"must not contain invisible formatting characters (U+{rune.Value:X4} at character {Length(text[..(text.Length - rest.Length)]) + 1}): a zero-width space, a direction override or a byte-order mark hides a name from search and changes how it reads";
            previous = rune;
            rest = after;
        }
        return null;
    }

    private static bool IsNoncharacter(Rune rune) => rune.Value is >= 0xFDD0 and <= 0xFDEF || (rune.Value & 0xFFFE) == 0xFFFE;

    /// <summary>The one invisible character text may keep: the zero-width joiner inside an emoji sequence (👨‍👩‍👧), between a
    /// symbol (or its skin tone or presentation selector) and the next symbol. Between letters it would hide a name from search.</summary>
    private static bool JoinsEmoji(Rune rune, Rune? previous, ReadOnlySpan<char> after) =>
        rune.Value == 0x200D
        && previous is { } before
        && Rune.GetUnicodeCategory(before) is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.NonSpacingMark
        && Rune.DecodeFromUtf16(after, out var next, out _) == OperationStatus.Done
        && Rune.GetUnicodeCategory(next) == UnicodeCategory.OtherSymbol;

    private static Refusal? Check(string? text, string field, int maxLength, bool multiLine, bool published)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Refuse.Invalid(field, "is required");
        if (Malformed(text, multiLine) is { } malformed)
            return Refuse.Invalid(field, malformed);
        var length = Length(text.Trim());
        if (length > maxLength)
            return Refuse.Invalid(field, $"must be at most {maxLength} characters (it has {length})");
        if (published && ResidentIdsInText.FirstMasked(text) is { } id)
            return Refuse.Invalid(field, $"must not contain a full resident ID number ({id}): it is published, and the public may see an ID only masked; name the subject as 被执行人 or write the number masked");
        return null;
    }

    /// <summary>The rule for an amount with more places than the fen.</summary>
    public const string FenRule = "must have at most 2 decimal places (fen)";

    public static Refusal? Amount(decimal amount, string field)
    {
        if (amount <= 0)
            return Refuse.Invalid(field, "must be greater than 0 yuan");
        if (amount > 1_000_000_000_000m)
            return Refuse.Invalid(field, "must be at most 1,000,000,000,000 yuan");
        if (decimal.Round(amount, 2) != amount)
            return Refuse.Invalid(field, FenRule);
        return null;
    }
}
