using System.Text;

namespace Credit.Api.Bulk;

/// <summary>Whether the bytes seen so far read as UTF-8 and hold more than ASCII. A file declared GB18030 for which both hold
/// is UTF-8 declared wrongly: GB18030 would decode it without error, every Chinese character garbled, and ASCII is the same
/// in both, so only a UTF-8 file with Chinese text meets both.</summary>
public sealed class Utf8Evidence
{
    private readonly Decoder decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    private bool notUtf8;
    private bool beyondAscii;

    public bool IsUtf8BeyondAscii => beyondAscii && !notUtf8;

    public void See(ReadOnlySpan<byte> bytes)
    {
        if (notUtf8 || bytes.IsEmpty)
            return;
        beyondAscii |= !Ascii.IsValid(bytes);
        try
        {
            // The decoder keeps a sequence cut at the end of one read for the next.
            decoder.GetCharCount(bytes, flush: false);
        }
        catch (DecoderFallbackException)
        {
            notUtf8 = true;
        }
    }
}
