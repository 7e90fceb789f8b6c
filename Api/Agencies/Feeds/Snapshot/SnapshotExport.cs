using System.Buffers;
using System.Data;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Credit.Api.Agencies.Access;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.Interceptions;
using Npgsql;

namespace Credit.Api.Agencies.Feeds.Snapshot;

/// <summary>Streams every subject an agency intercepts, as of one change-log position (<see cref="InterceptionSnapshot"/>),
/// as NDJSON or CSV with only what the agency may see.</summary>
public static class SnapshotExport
{
    private const int FlushEvery = 64 * 1024;
    private const int BatchSize = 256;

    /// <summary>One <see cref="AgencyEntry"/> JSON object per line, written into the response pipe's buffers and flushed
    /// every <see cref="FlushEvery"/> bytes (one write per flush; a <see cref="Stream"/> body would also refuse the
    /// synchronous flushes of a serializer).</summary>
    public static async Task WriteNdjsonAsync(InterceptionSnapshot snapshot, AgencyScope scope, PipeWriter body, CancellationToken cancellationToken)
    {
        var entries = new NdjsonEntryWriter(scope, snapshot.Day);
        using var writer = new Utf8JsonWriter(body, NdjsonEntryWriter.WriterOptions with { SkipValidation = true });
        long pending = 0;
        await foreach (var batch in ReadAheadAsync(snapshot, scope, cancellationToken))
        {
            foreach (var row in batch)
            {
                if (!entries.Write(writer, row))
                    continue;
                writer.Flush();
                pending += writer.BytesCommitted + 1;
                // Each line is a document of its own: without a reset the writer would separate them with commas.
                writer.Reset();
                body.Write("\n"u8);
            }
            if (pending >= FlushEvery)
            {
                await body.FlushAsync(cancellationToken);
                pending = 0;
            }
        }
        await body.FlushAsync(cancellationToken);
    }

    /// <summary>One line per hold, with only the columns the agency receives, after a UTF-8 byte-order mark: without it Excel
    /// reads the file in the machine's code page (GBK on Chinese Windows) and garbles every name.</summary>
    public static async Task WriteCsvAsync(InterceptionSnapshot snapshot, AgencyScope scope, PipeWriter body, CancellationToken cancellationToken)
    {
        var lines = new CsvEntryWriter(scope, snapshot.Day);
        body.Write(Encoding.UTF8.Preamble);
        long pending = Encoding.UTF8.Preamble.Length + lines.WriteHeader(body);
        await foreach (var batch in ReadAheadAsync(snapshot, scope, cancellationToken))
        {
            foreach (var row in batch)
                pending += lines.Write(body, row);
            if (pending >= FlushEvery)
            {
                await body.FlushAsync(cancellationToken);
                pending = 0;
            }
        }
        await body.FlushAsync(cancellationToken);
    }

    /// <summary>The rows in batches, read by a task of their own a few batches ahead, so that reading (Npgsql) and
    /// writing run on two cores at once.</summary>
    private static async IAsyncEnumerable<SnapshotRow[]> ReadAheadAsync(InterceptionSnapshot snapshot, AgencyScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<SnapshotRow[]>(new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(async () =>
        {
            try
            {
                var batch = new SnapshotRow[BatchSize];
                var count = 0;
                await foreach (var row in snapshot.RowsAsync(scope.Triggers, scope.Area, stopping.Token))
                {
                    if (scope.Area is { } area && !SnapshotArea.Contains(area, row, scope.Triggers))
                        continue;
                    batch[count++] = row;
                    if (count < BatchSize)
                        continue;
                    await batches.Writer.WriteAsync(batch, stopping.Token);
                    batch = new SnapshotRow[BatchSize];
                    count = 0;
                }
                if (count > 0)
                    await batches.Writer.WriteAsync(batch[..count], stopping.Token);
                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                yield return batch;
        }
        finally
        {
            // The reader is done with the connection before the snapshot is disposed.
            await stopping.CancelAsync();
            await reading;
        }
    }
}
