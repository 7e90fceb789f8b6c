using System.Buffers;
using System.Data;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Credit.Api.Agencies.Access;
using Credit.Api.Agencies.Regions;
using Credit.Grains.Interfaces.Agencies;
using Credit.Grains.Interfaces.Time;
using Npgsql;

namespace Credit.Api.Agencies.Feeds.Snapshot;

/// <summary>Streams every subject an agency intercepts, as of one change-log position: the rows and the
/// position are read in one repeatable-read snapshot, so changes after that position are exactly what
/// the snapshot lacks.</summary>
public sealed class SnapshotExport(NpgsqlDataSource database, TimeProvider clock)
{
    private const int FlushEvery = 64 * 1024;
    private const int BatchSize = 256;

    private static readonly string InArea = AreaSql.Condition("document_type", "id_number", ["holds"], 2);

    public sealed class Snapshot(NpgsqlConnection connection, NpgsqlTransaction transaction, long position, DateOnly day) : IAsyncDisposable
    {
        public long Position => position;

        /// <summary>The China date whose holds in force the snapshot shows.</summary>
        public DateOnly Day => day;

        /// <summary>The rows with any of <paramref name="triggers"/>; with an <paramref name="area"/>, those of the area and
        /// a few beyond it (<see cref="AreaSql"/>), which the caller sorts out.</summary>
        public async IAsyncEnumerable<SnapshotRow> RowsAsync(InterceptionTriggers triggers, Area? area, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand($"""
                SELECT document_type, id_number, name, sex, birth_date, holds::text FROM intercepted_subjects WHERE (triggers & $1) <> 0{(area is null ? "" : $" AND {InArea}")}
                """, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = (int)triggers });
            if (area is not null)
            {
                foreach (var value in AreaSql.Parameters(area))
                    command.Parameters.Add(new NpgsqlParameter { Value = value });
            }
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return new SnapshotRow(
                    reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<byte[]>(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4),
                    reader.GetFieldValue<byte[]>(5));
            }
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    public async Task<Snapshot> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await using var head = new NpgsqlCommand("SELECT last FROM change_log_head WHERE id = 1", connection, transaction);
            var position = (long)(await head.ExecuteScalarAsync(cancellationToken))!;
            return new Snapshot(connection, transaction, position, clock.Today());
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>One <see cref="AgencyEntry"/> JSON object per line, written into the response pipe's buffers and flushed
    /// every <see cref="FlushEvery"/> bytes (one write per flush; a <see cref="Stream"/> body would also refuse the
    /// synchronous flushes of a serializer).</summary>
    public static async Task WriteNdjsonAsync(Snapshot snapshot, AgencyScope scope, PipeWriter body, CancellationToken cancellationToken)
    {
        var entries = new NdjsonEntryWriter(scope, snapshot.Day);
        using var writer = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true });
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

    /// <summary>One line per hold, with only the columns the agency receives.</summary>
    public static async Task WriteCsvAsync(Snapshot snapshot, AgencyScope scope, PipeWriter body, CancellationToken cancellationToken)
    {
        var lines = new CsvEntryWriter(scope, snapshot.Day);
        long pending = lines.WriteHeader(body);
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
    private static async IAsyncEnumerable<SnapshotRow[]> ReadAheadAsync(Snapshot snapshot, AgencyScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
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
