using Credit.Grains.Interfaces.BulkJobs;
using Credit.Grains.Interfaces.Identifiers;
using Npgsql;
using NpgsqlTypes;

namespace Credit.ReadModels.BulkJobs;

/// <summary>One row of a submitted file as the intake checked it: a command to apply, or the problems that refused it.</summary>
/// <param name="SubjectKey">The subject's grain key; null when the row named no valid subject.</param>
/// <param name="Command">The checked command; null when the row was refused on intake.</param>
/// <remarks>The stored JSON of the command and the problems is made with the row, so that it is made where the rows are
/// checked, on every core, rather than on the one connection that copies them.</remarks>
public sealed record NewBulkRow(int Line, string Action, string DocumentType, string Number, string? SubjectKey, BulkCommand? Command,
    IReadOnlyList<BulkRowProblem> Problems)
{
    public string? CommandJson { get; } = Command is null ? null : BulkCommandJson.Write(Command);

    public string? ProblemsJson { get; } = Problems.Count == 0 ? null : BulkCommandJson.Write(Problems);
}

/// <summary>What the stored job holds.</summary>
public sealed record StoredBulkJob(Guid Id, int Rows, int RefusedOnIntake);

/// <summary>Stores a submitted job and all its rows in one transaction (binary COPY), so the court hears 202 only for a job
/// that is stored whole, and a file that fails half way (a bad line count, a body cut off) leaves nothing behind.</summary>
public sealed class BulkJobWriter(NpgsqlDataSource database)
{
    /// <param name="rows">The file's rows; the enumeration may throw to refuse the file, and nothing is stored then.</param>
    public async Task<StoredBulkJob> StoreAsync(Guid job, CourtCode court, string actor, string format, IAsyncEnumerable<NewBulkRow> rows,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO bulk_jobs (job_id, court, actor, format, state, rows_read, submitted_at)
            VALUES ($1, $2, $3, $4, 'Running', 0, $5)
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue(job);
            insert.Parameters.AddWithValue(court.ToString());
            insert.Parameters.AddWithValue(actor);
            insert.Parameters.AddWithValue(format);
            insert.Parameters.AddWithValue(now);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var (count, refused) = (0, 0);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY bulk_job_rows (job_id, line, action, document_type, number, subject_key, command, outcome, refusals) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                var refusedOnIntake = row.Command is null;
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(job, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(row.Line, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(row.Action, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.DocumentType, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.Number, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, row.SubjectKey, cancellationToken);
                await WriteNullableAsync(copy, row.CommandJson, cancellationToken);
                await copy.WriteAsync((short)(refusedOnIntake ? BulkRowResult.Refused : BulkRowResult.Pending), NpgsqlDbType.Smallint, cancellationToken);
                await WriteNullableAsync(copy, row.ProblemsJson, cancellationToken);
                count++;
                if (refusedOnIntake)
                    refused++;
            }
            await copy.CompleteAsync(cancellationToken);
        }

        await using (var totals = new NpgsqlCommand(
            "UPDATE bulk_jobs SET rows_read = $2, refused = $3 WHERE job_id = $1", connection, transaction))
        {
            totals.Parameters.AddWithValue(job);
            totals.Parameters.AddWithValue(count);
            totals.Parameters.AddWithValue(refused);
            await totals.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        if (count >= RowsWorthFreshStatistics)
            await RefreshStatisticsAsync(connection, cancellationToken);
        return new StoredBulkJob(job, count, refused);
    }

    /// <summary>A job at least this large changes what the table holds enough for PostgreSQL's plans to need new statistics.</summary>
    private const int RowsWorthFreshStatistics = 1000;

    /// <summary>Takes the table's statistics anew before the job reads its rows. Without them, right after a large file was
    /// stored, PostgreSQL took the job's rows for a few hundred and read every row after a page's first line to sort them,
    /// 56 ms a page of 2,000 at 200,000 rows. Autovacuum takes them too, later; should the table be locked (autovacuum at
    /// work on it), this gives up after a moment and leaves it to autovacuum.</summary>
    private static async Task RefreshStatisticsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var analyze = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands = { new NpgsqlBatchCommand("SET LOCAL lock_timeout = '2s'"), new NpgsqlBatchCommand("ANALYZE bulk_job_rows") },
        };
        try
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await transaction.RollbackAsync(cancellationToken);
        }
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
            await copy.WriteNullAsync(cancellationToken);
        else
            await copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
    }
}
