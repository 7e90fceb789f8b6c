using System.Text;

namespace Credit.Api.Bulk;

/// <summary>What a bulk file's raw bytes show about its encoding, seen as they are read: where the first byte that is not
/// UTF-8 stands (its offset and line), whether the file starts with UTF-16's byte-order mark (Excel's "Unicode 文本"), and
/// whether its UTF-8 is only ever two bytes long. That last is how GBK looks when read as UTF-8: 1,920 Chinese characters
/// have GBK bytes that are also valid UTF-8 (佟伟伟 reads as "١ΰΰ"), while a Chinese file that is UTF-8 has three-byte
/// characters (every Chinese character is one).</summary>
public sealed class BodyEvidence
{
    private readonly Decoder decoder = BulkFileEncoding.Utf8.Encoding.GetDecoder();
    private long offset;
    private int newlines;
    private bool twoByte, wider;
    private char[] scratch = [];

    /// <summary>The first byte that is not UTF-8: its offset from the file's start and its line; null while there is none.</summary>
    public (long Offset, int Line)? FirstNotUtf8 { get; private set; }

    public bool StartsWithUtf16Mark { get; private set; }

    public bool StartsWithUtf8Mark { get; private set; }

    /// <summary>UTF-8 text with characters of three bytes or more, as every Chinese character is: GB18030 might decode it
    /// without error, with every Chinese character garbled.</summary>
    public bool IsUtf8WithWideCharacters => FirstNotUtf8 is null && wider;

    /// <summary>UTF-8 whose every character beyond ASCII is two bytes (Latin, Greek, Cyrillic, Arabic letters), and which may as well be GBK.</summary>
    public bool IsUtf8OnlyTwoByte => FirstNotUtf8 is null && twoByte && !wider;

    public void See(ReadOnlySpan<byte> bytes)
    {
        if (offset == 0 && bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            StartsWithUtf16Mark = true;
        if (offset == 0 && bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            StartsWithUtf8Mark = true;
        if (FirstNotUtf8 is null)
        {
            if (!twoByte)
                twoByte = bytes.IndexOfAnyInRange((byte)0xC2, (byte)0xDF) >= 0;
            if (!wider)
                wider = bytes.IndexOfAnyInRange((byte)0xE0, (byte)0xF4) >= 0;
            if (FirstInvalid(bytes) is { } invalid)
                FirstNotUtf8 = (offset + invalid, newlines + bytes[..invalid].Count((byte)'\n') + 1);
        }
        newlines += bytes.Count((byte)'\n');
        offset += bytes.Length;
    }

    /// <summary>The index of the first byte that is not UTF-8, carrying a sequence cut at the end of one read into the next.</summary>
    private int? FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        // Decoded rather than counted: only decoding keeps the cut sequence (GetCharCount leaves the decoder as it was).
        // UTF-8 never gives more characters than bytes; a few more for the sequence held back from the read before.
        if (scratch.Length < bytes.Length + 4)
            scratch = new char[bytes.Length + 4];
        try
        {
            decoder.GetChars(bytes, scratch, flush: false);
            return null;
        }
        catch (DecoderFallbackException error)
        {
            // The index counts from the bytes the decoder held back from the last read; at worst it points a few bytes early.
            return Math.Clamp(error.Index, 0, Math.Max(0, bytes.Length - 1));
        }
    }
}
