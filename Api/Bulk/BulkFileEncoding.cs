using System.Text;
using Microsoft.Net.Http.Headers;

namespace Credit.Api.Bulk;

/// <summary>The text encoding of a bulk file: UTF-8 unless the Content-Type's charset says GB18030 (or GBK, GB2312, its
/// subsets), which is what Excel on Chinese Windows writes for "CSV (逗号分隔)". Both decode strictly: a byte that is not
/// the encoding's refuses the file instead of storing a garbled name.</summary>
/// <param name="Declared">Whether the Content-Type named the charset; a file sent without one is UTF-8 unless its bytes say
/// it is GBK.</param>
public sealed record BulkFileEncoding(string Name, Encoding Encoding, bool Declared = true)
{
    public static readonly BulkFileEncoding Utf8 = new("UTF-8", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));

    private static readonly BulkFileEncoding Undeclared = Utf8 with { Declared = false };

    public static readonly BulkFileEncoding Gb18030 = new("GB18030", Gb18030Strict());

    /// <summary>The charsets a Content-Type may name, as a problem lists them.</summary>
    public const string Accepted = "utf-8, or gb18030 (also named gbk or gb2312)";

    private static readonly Dictionary<string, BulkFileEncoding> ByCharset = new(StringComparer.OrdinalIgnoreCase)
    {
        ["utf-8"] = Utf8,
        ["utf8"] = Utf8,
        ["gb18030"] = Gb18030,
        ["gbk"] = Gb18030,
        ["gb2312"] = Gb18030,
        ["cp936"] = Gb18030,
        ["x-gbk"] = Gb18030,
        ["windows-936"] = Gb18030,
    };

    /// <summary>The encoding a Content-Type's charset names; UTF-8 when it names none; null for any other charset.</summary>
    public static BulkFileEncoding? OfCharset(string? charset) =>
        string.IsNullOrWhiteSpace(charset) ? Undeclared : ByCharset.GetValueOrDefault(charset.Trim().Trim('"'));

    public bool IsUtf8 => Encoding is UTF8Encoding;

    /// <summary>The problem of a file whose bytes would not decode in this encoding, after <paramref name="lastLineRead"/>.</summary>
    public BulkFileProblem Undecodable(BodyEvidence evidence, int lastLineRead) =>
        Utf8MarkBeforeGb18030(evidence) ?? Utf8DeclaredOtherwise(evidence) ?? BulkFileProblem.Invalid("body", NotThisEncoding(evidence, lastLineRead));

    /// <summary>The problem of a file read whole whose bytes say it is not what its Content-Type says, or may not be; null when
    /// nothing does.</summary>
    public BulkFileProblem? Doubted(BodyEvidence evidence) => Utf8DeclaredOtherwise(evidence) ?? PerhapsGbk(evidence);

    /// <summary>Read as GB18030, UTF-8's byte-order mark is two characters before the first header (锘縜ction), which then
    /// names no column, or breaks the characters after it.</summary>
    public BulkFileProblem? Utf8MarkBeforeGb18030(BodyEvidence evidence) => !IsUtf8 && evidence.StartsWithUtf8Mark
        ? BulkFileProblem.Invalid(HeaderNames.ContentType, $"names the charset {Name}, but the file starts with UTF-8's byte-order mark: " +
            "send it with charset=utf-8 if it is UTF-8, or save it again without the mark if it is GBK")
        : null;

    private BulkFileProblem? Utf8DeclaredOtherwise(BodyEvidence evidence) => !IsUtf8 && evidence.IsUtf8WithWideCharacters
        ? BulkFileProblem.Invalid(HeaderNames.ContentType, $"names the charset {Name}, but the file is UTF-8 text (its bytes read as UTF-8, " +
            $"and as {Name} its Chinese characters would be garbled); send it with charset=utf-8 or with no charset")
        : null;

    /// <summary>A file sent without a charset that reads as UTF-8 only as two-byte letters, never as a Chinese character, is
    /// likely GBK (佟伟伟 in GBK reads as "١ΰΰ"); the court says which.</summary>
    private BulkFileProblem? PerhapsGbk(BodyEvidence evidence) => !Declared && evidence.IsUtf8OnlyTwoByte
        ? BulkFileProblem.Invalid(HeaderNames.ContentType, "must name the file's charset: its bytes read as UTF-8 only as Latin, Greek, Cyrillic or " +
            "Arabic letters and never as a Chinese character, which is how a GBK file (Excel's 'CSV (逗号分隔)') looks read as UTF-8. Send it " +
            "as 'text/csv; charset=gb18030' if it is GBK, or with charset=utf-8 if it is UTF-8")
        : null;

    private string NotThisEncoding(BodyEvidence evidence, int lastLineRead)
    {
        if (evidence.StartsWithUtf16Mark)
            return "is UTF-16 text (as Excel saves 'Unicode 文本'), which is not read: save the sheet as 'CSV UTF-8 (逗号分隔)' and send that";
        if (IsUtf8)
        {
            var at = evidence.FirstNotUtf8 is var (offset, line) ? $"byte {offset} (line {line}) is not UTF-8" : $"the text after line {lastLineRead} is not UTF-8";
            return $"must be UTF-8 text, or name its charset in the Content-Type; {at}. A file Excel saved as 'CSV (逗号分隔)' on Chinese " +
                "Windows is GBK: send it as 'text/csv; charset=gb18030', or save it as 'CSV UTF-8 (逗号分隔)'";
        }
        return $"must be {Name} text, as the Content-Type's charset says; the text after line {lastLineRead} is not";
    }

    // GB18030 comes with the code-page encodings, which .NET registers only on request; registering twice is harmless.
    private static Encoding Gb18030Strict()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
