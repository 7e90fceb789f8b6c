using System.Buffers;
using System.Data;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Credit.Api.Agencies.Access;
using Credit.Api.Agencies.Catalogue;
using Credit.Grains.Interfaces.Agencies;
using Npgsql;

namespace Credit.Api.Agencies.Feeds;

/// <summary>Streams every subject an agency intercepts, as of one change-log position: the rows and the
/// position are read in one repeatable-read snapshot, so changes after that position are exactly what
/// the snapshot lacks.</summary>
public sealed class SnapshotExport(NpgsqlDataSource database)
{
    private const int FlushEvery = 64 * 1024;

    public sealed class Snapshot(NpgsqlConnection connection, NpgsqlTransaction transaction, long position) : IAsyncDisposable
    {
        public long Position => position;

        public async IAsyncEnumerable<InterceptionRow> RowsAsync(InterceptionTriggers triggers, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand("""
                SELECT document_type, id_number, name, sex, birth_date, holds::text FROM intercepted_subjects WHERE (triggers & $1) <> 0
                """, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = (int)triggers });
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return new InterceptionRow(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4),
                    InterceptionJson.Read(reader.GetFieldValue<byte[]>(5)));
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
            return new Snapshot(connection, transaction, position);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>One JSON object per line, serialised straight into the response pipe's buffers and flushed every
    /// <see cref="FlushEvery"/> bytes. (A <see cref="Stream"/> body does not do: the serializer flushes its writer
    /// synchronously after every value, which Kestrel refuses, and each flush would be a write of its own.)</summary>
    public static async Task WriteNdjsonAsync(Snapshot snapshot, AgencyScope scope, PipeWriter body, CancellationToken cancellationToken)
    {
        using var writer = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true });
        long pending = 0;
        await foreach (var batch in ReadAheadAsync(snapshot, scope, cancellationToken))
        {
            foreach (var row in batch)
            {
                if (AgencyView.Of(row, scope) is not { } entry)
                    continue;
                JsonSerializer.Serialize(writer, entry, AgencyJson.Default.AgencyEntry);
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

    private const int BatchSize = 256;

    /// <summary>The rows in batches, read (and their holds parsed) by a task of their own a few batches ahead, so
    /// reading and writing run on two cores at once.</summary>
    private static async IAsyncEnumerable<InterceptionRow[]> ReadAheadAsync(Snapshot snapshot, AgencyScope scope, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<InterceptionRow[]>(new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(async () =>
        {
            try
            {
                var batch = new InterceptionRow[BatchSize];
                var count = 0;
                await foreach (var row in snapshot.RowsAsync(scope.Triggers, stopping.Token))
                {
                    batch[count++] = row;
                    if (count < BatchSize)
                        continue;
                    await batches.Writer.WriteAsync(batch, stopping.Token);
                    batch = new InterceptionRow[BatchSize];
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

    /// <summary>One line per hold, with only the columns the agency receives.</summary>
    public static async Task WriteCsvAsync(Snapshot snapshot, AgencyScope scope, Stream body, CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(body, new UTF8Encoding(false), 1 << 16);
        var columns = CsvColumns(scope);
        await text.WriteLineAsync(string.Join(',', columns.Select(c => c.Header)));
        var line = new StringBuilder(256);
        await foreach (var row in snapshot.RowsAsync(scope.Triggers, cancellationToken))
        {
            if (AgencyView.Of(row, scope) is not { } entry)
                continue;
            foreach (var hold in entry.Holds)
            {
                line.Clear();
                for (var i = 0; i < columns.Count; i++)
                {
                    if (i > 0)
                        line.Append(',');
                    AppendCsv(line, columns[i].Value(entry, hold));
                }
                await text.WriteLineAsync(line, cancellationToken);
            }
        }
    }

    private sealed record Column(string Header, Func<AgencyEntry, AgencyHold, string?> Value);

    private static List<Column> CsvColumns(AgencyScope scope)
    {
        List<Column> columns = [new("documentType", (e, _) => e.DocumentType), new("idNumber", (e, _) => e.IdNumber)];
        if (scope.Receives(AgencyField.Name))
            columns.Add(new("name", (e, _) => e.Name));
        if (scope.Receives(AgencyField.SexAndBirthDate))
        {
            columns.Add(new("sex", (e, _) => e.Sex));
            columns.Add(new("birthDate", (e, _) => e.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        columns.Add(new("kind", (_, h) => h.Kind));
        columns.Add(new("measures", (_, h) => string.Join(';', h.Measures)));
        if (scope.Receives(AgencyField.CourtAndCase))
        {
            columns.Add(new("court", (_, h) => h.Court));
            columns.Add(new("caseNumber", (_, h) => h.CaseNumber));
        }
        if (scope.Receives(AgencyField.Period))
        {
            columns.Add(new("since", (_, h) => h.Since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            columns.Add(new("until", (_, h) => h.Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        if (scope.Receives(AgencyField.AmountOwed))
            columns.Add(new("amountOwed", (_, h) => h.AmountOwed?.ToString(CultureInfo.InvariantCulture)));
        if (scope.Receives(AgencyField.LegalRepresentative))
        {
            columns.Add(new("legalRepresentative", (_, h) => h.LegalRepresentative));
            columns.Add(new("representedEntity", (_, h) => h.RepresentedEntity));
        }
        return columns;
    }

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs it as a formula.</summary>
    private static void AppendCsv(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return;
        var formula = value[0] is '=' or '+' or '-' or '@';
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(formula ? "'" : "").Append(value);
            return;
        }
        line.Append('"').Append(formula ? "'" : "").Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
