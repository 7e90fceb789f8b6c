using System.Text;
using Credit.Api.Bulk;

namespace Credit.Tests.Bulk;

/// <summary>The evidence a file's bytes give is the same however the request body arrives in pieces, Chinese characters
/// cut between them included.</summary>
public sealed class BodyEvidenceTests
{
    private static readonly byte[] Chinese = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2_000).Select(i => $"{i},张三丰,广州市荔湾区人民法院\n")));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(65536)]
    public void Utf8_cut_into_pieces_anywhere_is_utf8_with_wide_characters(int piece)
    {
        var evidence = Seen(Chinese, piece);

        Assert.Null(evidence.FirstNotUtf8);
        Assert.True(evidence.IsUtf8WithWideCharacters);
        Assert.False(evidence.IsUtf8OnlyTwoByte);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(4096)]
    public void The_first_byte_that_is_not_utf8_is_named_with_its_line(int piece)
    {
        var bytes = (byte[])Chinese.Clone();
        var at = Array.IndexOf(bytes, (byte)'\n', 30_000) + 1;
        bytes[at] = 0xC0;

        Assert.Equal((at, bytes[..at].Count(b => b == '\n') + 1), Seen(bytes, piece).FirstNotUtf8);
    }

    [Fact]
    public void Gbk_whose_bytes_are_also_utf8_reads_as_two_byte_letters_only()
    {
        var gbk = BulkJobs.Gb18030.GetBytes("correction,resident-id,440103198202021735,佟伟伟\n");

        Assert.True(Seen(gbk, 5).IsUtf8OnlyTwoByte);
        Assert.True(Seen([0xFF, 0xFE, (byte)'a', 0], 4).StartsWithUtf16Mark);
    }

    private static BodyEvidence Seen(byte[] bytes, int piece)
    {
        var evidence = new BodyEvidence();
        for (var i = 0; i < bytes.Length; i += piece)
            evidence.See(bytes.AsSpan(i, Math.Min(piece, bytes.Length - i)));
        return evidence;
    }
}
