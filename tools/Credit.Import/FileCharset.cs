using System.Text;

namespace Credit.Import;

/// <summary>The charset to send a file with: UTF-8 when every byte of it reads as UTF-8 (and some as more than a two-byte
/// letter); GB18030 when it does not but reads as GB18030, as a file Excel on Chinese Windows saved as "CSV (逗号分隔)" does
/// (GBK); UTF-8 otherwise, for the platform to refuse naming the bytes. Both are read strictly. A file that reads both ways,
/// as UTF-8 only in two-byte letters and as GB18030 (José García, or 佟伟伟 in GBK, which reads as UTF-8 "١ΰΰ"), is not
/// guessed at: the clerk is shown its first such line both ways and says which with <c>--charset</c>.</summary>
public static class FileCharset
{
    public const string Utf8 = "utf-8", Gb18030 = "gb18030";

    /// <param name="Charset">The charset to send the file with; null when the file reads both ways.</param>
    /// <param name="BothWays">The first line that reads both ways, as UTF-8 and as GB18030, when it does.</param>
    public sealed record Detected(string? Charset, (string AsUtf8, string AsGb18030)? BothWays = null);

    /// <summary>The <c>--charset</c> a clerk may give, by the names the platform reads; null for any other.</summary>
    public static string? Named(string charset) => charset.Trim().ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => Utf8,
        "gb18030" or "gbk" or "gb2312" => Gb18030,
        _ => null,
    };

    public static async Task<Detected> DetectAsync(string path, CancellationToken cancellationToken)
    {
        // One read for UTF-8: whether it decodes, and whether any character is wider than two bytes (every Chinese one is).
        var (twoByte, wider) = (false, false);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var isUtf8 = await ReadsAsAsync(path, utf8, bytes =>
        {
            twoByte |= bytes.IndexOfAnyInRange((byte)0xC2, (byte)0xDF) >= 0;
            wider |= bytes.IndexOfAnyInRange((byte)0xE0, (byte)0xF4) >= 0;
        }, cancellationToken);
        if (isUtf8 && !(twoByte && !wider))
            return new Detected(Utf8);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb18030 = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var isGb18030 = await ReadsAsAsync(path, gb18030, _ => { }, cancellationToken);
        if (isUtf8 && isGb18030)
            return new Detected(null, await FirstLineBothWaysAsync(path, utf8, gb18030, cancellationToken));
        return new Detected(isGb18030 ? Gb18030 : Utf8);
    }

    private static async Task<(string, string)> FirstLineBothWaysAsync(string path, Encoding utf8, Encoding gb18030, CancellationToken cancellationToken)
    {
        // Only a file with no Chinese character in UTF-8 comes here: a short one, in practice, read whole.
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var start = 0;
        for (var end = 0; end <= bytes.Length; end++)
        {
            if (end < bytes.Length && bytes[end] != (byte)'\n')
                continue;
            var line = bytes.AsSpan(start, end - start).TrimEnd((byte)'\r');
            if (!Ascii.IsValid(line))
                return (utf8.GetString(line), gb18030.GetString(line));
            start = end + 1;
        }
        return ("", "");
    }

    private delegate void SeeBytes(ReadOnlySpan<byte> bytes);

    /// <param name="see">Sees each piece read, decoded or not.</param>
    private static async Task<bool> ReadsAsAsync(string path, Encoding encoding, SeeBytes see, CancellationToken cancellationToken)
    {
        var decoder = encoding.GetDecoder();
        var buffer = new byte[64 * 1024];
        // Decoded rather than counted: only decoding carries a character cut between two reads into the next
        // (GetCharCount leaves the decoder as it was, and would call the cut character's second half invalid).
        var chars = new char[encoding.GetMaxCharCount(buffer.Length)];
        await using var file = File.OpenRead(path);
        try
        {
            int read;
            while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
            {
                see(buffer.AsSpan(0, read));
                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
            }
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
