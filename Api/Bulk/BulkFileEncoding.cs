using System.Text;

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

    /// <summary>How the problem of a file whose bytes are not this encoding reads.</summary>
    public string NotThisEncoding(BodyEvidence evidence, int lastLineRead)
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
