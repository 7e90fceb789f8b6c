namespace Credit.Api.Bulk;

/// <summary>Reads a request body once, refusing, with a 413 naming the limit, a body longer than the limit; <see cref="Evidence"/>
/// sees every byte read, for what it says of the body's encoding.</summary>
public sealed class LimitedBody(Stream inner, long maxBytes) : Stream
{
    private long read;

    public long BytesRead => read;

    public BodyEvidence Evidence { get; } = new();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = await inner.ReadAsync(buffer, cancellationToken);
        Count(buffer.Span[..count]);
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        Count(buffer.AsSpan(offset, n));
        return n;
    }

    private void Count(ReadOnlySpan<byte> bytes)
    {
        read += bytes.Length;
        if (read > maxBytes)
            throw new BulkFileProblem(StatusCodes.Status413PayloadTooLarge, "body", $"must be at most {maxBytes / (1024 * 1024)} MB; split the file");
        Evidence.See(bytes);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

}
