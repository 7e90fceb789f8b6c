using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Credit.Grains.Interfaces.Identifiers;

/// <summary>Resident ID numbers written into text (a court's free text, a log line), found and masked as the national site
/// masks them (birth month and day hidden, <c>4401031990****1234</c>). Being laid out as one is enough, whatever the check
/// character says: a mistyped number still names a person. What counts as written:
/// <list type="bullet">
/// <item>the 18-character number, and the 15-digit one issued before 1999 (<c>440103900101123</c>, still on old papers and
/// in old judgments);</item>
/// <item>digits half- or full-width, as a Chinese input method types them (４４０１…), or Chinese numerals, plain or formal
/// (四四〇一…, 肆肆零壹…), as a clerk writes a number out in words;</item>
/// <item>in groups split by single spaces of any kind (the no-break space a word processor pastes, the ideographic space),
/// hyphens or dots (<c>440103 19900101 1234</c>, <c>4.4.0.1…</c>), as people copy a number from a form.</item>
/// </list>
/// A number split into groups or written in Chinese numerals must also start with a province's code, as a deliberately
/// written one does: ordinary text (dates, amounts, phone numbers written out) rarely does and has the birth date in place too.
/// Its groups must split it as people split an ID (between its parts, or into groups of one length), not as two numbers
/// that stand side by side meet (a mobile number and an amount). A longer run of digits (an account number, an amount, a
/// timestamp) is not an ID unless 18 of its characters make one and end in its check character (an ID with a digit of the
/// next words stuck to it, …12391次), nor are 18 unsplit characters that fail the check character right after words that
/// name them an account's or a card's number (转入账号…). Digits are read as compatibility folding reads them (circled,
/// superscript, mathematical) and without combining marks.</summary>
public static partial class ResidentIdsInText
{
    private const int Shortest = 15;
    private const int Longest = 18;

    /// <summary>Chinese numerals for 0–9, at their value's place in the string (several for 0 and 2): the plain ones with both
    /// zeros (〇 and the circle ○ many typists use for it), then the formal ones (大写), simplified and traditional.</summary>
    private const string ChineseDigits = "〇○零一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖幺";

    // Every decimal digit of Unicode's basic plane (Arabic-Indic ٤, Devanagari, full-width ４ …): a reader turns each into its value.
    private const string ArabicDigits = @"\p{Nd}";

    private const string Digits = ArabicDigits + ChineseDigits;

    private const string CheckCharacters = "XxＸｘ";

    /// <summary>What may stand between two groups of an ID: hyphens and minus signs, dots and middle dots, commas (the
    /// enumeration comma too), slashes, underscores, every space (Unicode's space separators and the zero-width ones), tabs
    /// and line breaks (a number copied from a spreadsheet's cells or a form's lines).</summary>
    private const string SeparatorCharacters = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFF0D.．·・•‧∙,，、/／_＿"
        + " \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u200B\u202F\u205F\u2060\u3000\uFEFF"
        + "\t\n\r\v\f\u2028\u2029";

    private static readonly SearchValues<char> NumeralsAndChecks = SearchValues.Create(ChineseDigits + CheckCharacters);

    private static bool IsIdCharacter(char c) => char.IsDigit(c) || NumeralsAndChecks.Contains(c);

    private static readonly SearchValues<char> Separators = SearchValues.Create(SeparatorCharacters);

    // Groups of ID characters with at most one separator between two groups; which groups make an ID is decided in code.
    [GeneratedRegex("[" + Digits + CheckCharacters + "]+(?:(?:\r\n|[" + SeparatorCharacters + "])[" + Digits + CheckCharacters + "]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex Run();

    // A group is written in one script: an ID in digits right after a numeral that is part of a word (张三440103…) is a group
    // of its own, not a 19-character number that is no ID. The check character X ends a group of numerals as it ends one of
    // digits (四四〇…二三X).
    [GeneratedRegex("[" + ArabicDigits + CheckCharacters + "]+|[" + ChineseDigits + "]+[" + CheckCharacters + "]?", RegexOptions.CultureInvariant)]
    private static partial Regex Group();

    /// <summary>The first resident ID in <paramref name="text"/>, masked; null when there is none. Digits that compatibility
    /// folding makes plain (circled ④, superscript ⁴, mathematical 𝟒) and digits under combining marks count as written.</summary>
    public static string? FirstMasked(string text) =>
        FirstMaskedAsWritten(text) ?? (Folded(text) is { } folded ? FirstMaskedAsWritten(folded) : null);

    /// <summary>The text with every resident ID in it masked. A text that holds one only once folded is shown folded, masked:
    /// its odd digits have no place of their own to mask.</summary>
    public static string Mask(string text)
    {
        var masked = MaskAsWritten(text);
        // MaskAsWritten hands back the very string it was given when it found nothing: one pass over the folded text decides.
        return Folded(masked) is { } folded && MaskAsWritten(folded) is var maskedFolded && !ReferenceEquals(maskedFolded, folded) ? maskedFolded : masked;
    }

    /// <summary>The text under compatibility folding (NFKC) without combining marks, when that changes it; null otherwise.</summary>
    private static string? Folded(string text)
    {
        if (Ascii.IsValid(text))
            return null;
        var folded = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        if (folded.Any(IsCombiningMark))
            folded = string.Concat(folded.Where(c => !IsCombiningMark(c)));
        return folded == text ? null : folded;
    }

    private static bool IsCombiningMark(char c) => CharUnicodeInfo.GetUnicodeCategory(c)
        is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark;

    private static string? FirstMaskedAsWritten(string text)
    {
        if (!MayHoldOne(text))
            return null;
        foreach (var id in Find(text))
            return Masked(text, id);
        return null;
    }

    private static string MaskAsWritten(string text)
    {
        if (!MayHoldOne(text))
            return text;
        char[]? masked = null;
        foreach (var id in Find(text))
        {
            masked ??= text.ToCharArray();
            foreach (var position in id.Hidden)
                masked[position] = '*';
        }
        return masked is null ? text : new string(masked);
    }

    /// <summary>Whether the text has a run of 15 ID characters, groups of them split by single separators as <see cref="Run"/>
    /// takes them, that the shortest ID needs. Most text (a name, a case number, a reason naming a decision and its date) has
    /// not, and is let through without the regular expressions, which were a sixth of what a bulk job allocated.</summary>
    private static bool MayHoldOne(ReadOnlySpan<char> text)
    {
        var inRun = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsIdCharacter(text[i]))
            {
                if (++inRun == Shortest)
                    return true;
            }
            else if (inRun > 0 && text[i] == '\r' && i + 2 < text.Length && text[i + 1] == '\n' && IsIdCharacter(text[i + 2]))
            {
                i++;
            }
            else if (inRun == 0 || !Separators.Contains(text[i]) || i + 1 == text.Length || !IsIdCharacter(text[i + 1]))
            {
                inRun = 0;
            }
        }
        return false;
    }

    /// <summary>Where an ID stands in the text (from its first to its last character, separators included) and the positions
    /// of its birth month and day.</summary>
    private sealed record Found(int Start, int End, int[] Hidden);

    private static IEnumerable<Found> Find(string text)
    {
        foreach (Match run in Run().Matches(text))
        {
            if (run.Length < Shortest)
                continue;
            var groups = Group().Matches(run.Value).Select(g => (Start: run.Index + g.Index, g.Length)).ToArray();
            // Consecutive groups that add up to an ID, the longest first; a group that is part of one is not looked at again.
            var first = 0;
            while (first < groups.Length)
            {
                // Numerals run on into the words around them (张三, 之一, 一直), and a digit of the next words can stick to an
                // ID (…12391次): the ID is a stretch inside the group.
                if (groups[first].Length > Longest)
                {
                    foreach (var inside in FoundInside(text, groups[first]))
                        yield return inside;
                    first++;
                    continue;
                }
                var found = FoundFrom(text, groups, first, out var last);
                if (found is null)
                {
                    first++;
                    continue;
                }
                yield return found;
                first = last + 1;
            }
        }
    }

    /// <summary>The IDs inside a run of numerals longer than one: any 18 of them that make an ID and end in its check character.
    /// The check character is asked for here alone, since a counting run (一二三四五六七八九〇…) holds dates and province codes
    /// by chance; a 15-character number has no check character to tell it from chance, and is not looked for inside a run.</summary>
    private static IEnumerable<Found> FoundInside(string text, (int Start, int Length) group)
    {
        var offset = 0;
        while (offset + Longest <= group.Length)
        {
            var positions = Enumerable.Range(group.Start + offset, Longest).ToList();
            if (IsId(text, positions, split: true) is { } hidden && HasItsCheckCharacter(text, positions))
            {
                yield return new Found(positions[0], positions[^1], hidden);
                offset += Longest;
            }
            else
            {
                offset++;
            }
        }
    }

    private static bool HasItsCheckCharacter(string text, List<int> positions)
    {
        Span<char> first17 = stackalloc char[Longest - 1];
        for (var i = 0; i < first17.Length; i++)
        {
            if (DigitAt(text[positions[i]]) is not (>= 0 and var digit))
                return false;
            first17[i] = (char)('0' + digit);
        }
        var expected = ResidentId.CheckCharacterFor(first17);
        return DigitAt(text[positions[^1]]) is var last and >= 0 ? expected == (char)('0' + last) : expected == 'X';
    }

    private static Found? FoundFrom(string text, (int Start, int Length)[] groups, int first, out int last)
    {
        var positions = new List<int>(Longest);
        var lengths = new List<int>(Longest);
        Found? best = null;
        last = first;
        for (var group = first; group < groups.Length && positions.Count + groups[group].Length <= Longest; group++)
        {
            for (var i = 0; i < groups[group].Length; i++)
                positions.Add(groups[group].Start + i);
            lengths.Add(groups[group].Length);
            if (positions.Count is Shortest or Longest
                && (FitsTheLayout(lengths, positions.Count) || positions.Count == Longest && HasItsCheckCharacter(text, positions))
                && IsId(text, positions, split: lengths.Count > 1) is { } hidden
                && !IsAnAccountsNumber(text, positions))
            {
                best = new Found(positions[0], positions[^1], hidden);
                last = group;
            }
        }
        return best;
    }

    /// <summary>Whether groups of these lengths split a number of <paramref name="length"/> characters as people split an ID:
    /// between its parts (<c>440103 19900101 1234</c>, <c>44 01 03 1990 01 01 123 X</c>, the old <c>440103 900101 123</c>), or
    /// into groups of one length with a shorter last one, as a form's boxes or a card's fours do (<c>4401 0319 9001 0112 34</c>,
    /// every character dotted, two halves). Two numbers that merely stand side by side (a mobile number and an amount,
    /// <c>13912341012 2000</c>) meet in the middle of a part. Eighteen characters that end in the check character of the
    /// seventeen before them are an ID however they are split (one number in eleven does so by chance).</summary>
    private static bool FitsTheLayout(List<int> lengths, int length)
    {
        if (lengths.Count == 1)
            return true;
        var size = lengths[0];
        // At least two groups of the one length: a longer group and a shorter one are two numbers as much as one split.
        var regular = lengths[^1] < size ? lengths.Count > 2 : lengths[^1] == size;
        var end = 0;
        var betweenParts = true;
        for (var i = 0; i < lengths.Count - 1; i++)
        {
            regular &= lengths[i] == size;
            end += lengths[i];
            betweenParts &= length == Longest ? end is 2 or 4 or 6 or 10 or 12 or 14 or 17 : end is 2 or 4 or 6 or 8 or 10 or 12;
        }
        return regular || betweenParts;
    }

    /// <summary>Whether 18 characters laid out as an ID are an account's or a card's number: the words just before them name
    /// it one (转入账号…, 卡号：…) and none names an ID, and its last character is not the check character of the 17 before.
    /// A real ID fails its check only when mistyped, and a clerk who names a number an account's has not written an ID by
    /// mistake; an ID so named that passes its check is still an ID.</summary>
    private static bool IsAnAccountsNumber(string text, List<int> positions)
    {
        if (positions.Count != Longest || !WrittenAsAnAccount(positions) || HasItsCheckCharacter(text, positions))
            return false;
        var start = positions[0];
        while (start > 0 && positions[0] - start < LabelLength && !LabelEnds.Contains(text[start - 1]) && !IsIdCharacter(text[start - 1]))
            start--;
        var label = text.AsSpan(start, positions[0] - start);
        return label.IndexOfAny(AccountWords) >= 0 && label.IndexOfAny(IdWords) < 0;
    }

    /// <summary>An account's or card's number is written whole or in fours; one laid out in an ID's parts (440103 19800501
    /// 1230) is a mistyped ID whatever the words before it say.</summary>
    private static bool WrittenAsAnAccount(List<int> positions)
    {
        for (var i = 1; i < positions.Count; i++)
        {
            if (positions[i] != positions[i - 1] + 1 && i % 4 != 0)
                return false;
        }
        return true;
    }

    // How far back the words that name a number are looked for: 转入被执行人银行账号为 is 11.
    private const int LabelLength = 12;

    // A clause ends where the words before a number stop naming it.
    private static readonly SearchValues<char> LabelEnds = SearchValues.Create("，,。；;！!？?、\n\r（(）)【】[]");

    private static readonly SearchValues<string> AccountWords = SearchValues.Create(
        ["账号", "帐号", "账户", "帐户", "賬號", "帳號", "賬戶", "帳戶", "卡号", "卡號", "银行卡", "銀行卡", "存折", "存摺"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> IdWords = SearchValues.Create(
        ["身份", "证件", "證件", "公民"], StringComparison.OrdinalIgnoreCase);

    /// <summary>The positions of the birth month and day when these characters make an ID; null otherwise. A number split
    /// into groups or written in Chinese numerals must also start with a province's code.</summary>
    private static int[]? IsId(string text, List<int> positions, bool split)
    {
        Span<int> digits = stackalloc int[positions.Count];
        for (var i = 0; i < positions.Count; i++)
        {
            digits[i] = DigitAt(text[positions[i]]);
            split |= ChineseDigits.Contains(text[positions[i]], StringComparison.Ordinal);
        }
        var old = positions.Count == Shortest;
        // Only the last character of an 18-character number may be the check character X.
        for (var i = 0; i < digits.Length; i++)
        {
            if (digits[i] < 0 && (old || i < digits.Length - 1))
                return null;
        }
        var birth = old ? 8 : 10; // where the month of birth stands
        if (!old && !((digits[6] == 1 && digits[7] == 9) || (digits[6] == 2 && digits[7] == 0)))
            return null;
        var month = digits[birth] * 10 + digits[birth + 1];
        var day = digits[birth + 2] * 10 + digits[birth + 3];
        if (month is < 1 or > 12 || day is < 1 or > 31)
            return null;
        if ((old || split) && !IsProvince(digits[0] * 10 + digits[1]))
            return null;
        return [positions[birth], positions[birth + 1], positions[birth + 2], positions[birth + 3]];
    }

    /// <summary>The provinces' codes of GB/T 2260 (11 Beijing … 65 Xinjiang, 71 Taiwan, 81 Hong Kong, 82 Macao).</summary>
    private static bool IsProvince(int code) =>
        code is (>= 11 and <= 15) or (>= 21 and <= 23) or (>= 31 and <= 37) or (>= 41 and <= 46) or (>= 50 and <= 54) or (>= 61 and <= 65)
            or 71 or 81 or 82;

    /// <summary>0–9 for a digit, half- or full-width or a Chinese numeral; -1 for the check character X.</summary>
    private static int DigitAt(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= '０' and <= '９' => c - '０',
        '〇' or '○' or '零' => 0,
        '幺' => 1,
        _ when char.IsDigit(c) => (int)char.GetNumericValue(c),
        '贰' or '貳' => 2,
        '叁' or '參' => 3,
        '陆' or '陸' => 6,
        _ => NumeralAt(c),
    };

    // 1–9 of the plain or formal numerals, -1 otherwise.
    private static int NumeralAt(char c)
    {
        var at = Math.Max("一二三四五六七八九".IndexOf(c, StringComparison.Ordinal), "壹贰叁肆伍陆柒捌玖".IndexOf(c, StringComparison.Ordinal));
        return at < 0 ? -1 : at + 1;
    }

    private static string Masked(string text, Found id)
    {
        var masked = text.ToCharArray(id.Start, id.End - id.Start + 1);
        foreach (var position in id.Hidden)
            masked[position - id.Start] = '*';
        return new string(masked);
    }
}
