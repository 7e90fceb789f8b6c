using System.Text;

namespace Credit.Import;

/// <summary>The charset to send a file with: UTF-8 when every byte of it reads as UTF-8; GB18030 when it does not but reads
/// as GB18030, as a file Excel on Chinese Windows saved as "CSV (逗号分隔)" does (GBK); UTF-8 otherwise, for the platform to
/// refuse naming the bytes. Both are read strictly, so a file is never sent under a charset that would garble it.</summary>
public static class FileCharset
{
    public const string Utf8 = "utf-8", Gb18030 = "gb18030";

    public static async Task<string> DetectAsync(string path, CancellationToken cancellationToken)
    {
        if (await ReadsAsAsync(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), cancellationToken))
            return Utf8;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb18030 = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        return await ReadsAsAsync(path, gb18030, cancellationToken) ? Gb18030 : Utf8;
    }

    private static async Task<bool> ReadsAsAsync(string path, Encoding encoding, CancellationToken cancellationToken)
    {
        var decoder = encoding.GetDecoder();
        var buffer = new byte[64 * 1024];
        await using var file = File.OpenRead(path);
        try
        {
            int read;
            while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
                decoder.GetCharCount(buffer, 0, read, flush: false);
            decoder.GetCharCount([], 0, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
