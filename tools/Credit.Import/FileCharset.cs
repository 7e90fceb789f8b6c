using System.Text;

namespace Credit.Import;

/// <summary>The charset to send a file with: UTF-8 when every byte of it reads as UTF-8 (and some as more than a two-byte
/// letter); GB18030 when it does not but reads as GB18030, as a file Excel on Chinese Windows saved as "CSV (逗号分隔)" does
/// (GBK); UTF-8 otherwise, for the platform to refuse naming the bytes. Both are read strictly, so a file is never sent under a charset that would garble it.</summary>
public static class FileCharset
{
    public const string Utf8 = "utf-8", Gb18030 = "gb18030";

    public static async Task<string> DetectAsync(string path, CancellationToken cancellationToken)
    {
        // UTF-8 whose characters beyond ASCII are all two bytes long (Latin, Greek, Cyrillic, Arabic letters) is how a GBK file
        // looks when its Chinese happens to be valid UTF-8 (佟伟伟 reads as "١ΰΰ"): GB18030 is then taken if it reads too.
        if (await ReadsAsAsync(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), cancellationToken)
            && !await OnlyTwoByteUtf8Async(path, cancellationToken))
            return Utf8;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb18030 = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        return await ReadsAsAsync(path, gb18030, cancellationToken) ? Gb18030 : Utf8;
    }

    private static async Task<bool> OnlyTwoByteUtf8Async(string path, CancellationToken cancellationToken)
    {
        var (twoByte, wider) = (false, false);
        var buffer = new byte[64 * 1024];
        await using var file = File.OpenRead(path);
        int read;
        while (!wider && (read = await file.ReadAsync(buffer, cancellationToken)) > 0)
        {
            twoByte |= buffer.AsSpan(0, read).IndexOfAnyInRange((byte)0xC2, (byte)0xDF) >= 0;
            wider |= buffer.AsSpan(0, read).IndexOfAnyInRange((byte)0xE0, (byte)0xF4) >= 0;
        }
        return twoByte && !wider;
    }

    private static async Task<bool> ReadsAsAsync(string path, Encoding encoding, CancellationToken cancellationToken)
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
                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
