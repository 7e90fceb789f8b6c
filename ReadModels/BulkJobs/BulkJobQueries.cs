using System.Runtime.CompilerServices;
using Credit.Grains.Interfaces.BulkJobs;
using Credit.Grains.Interfaces.Identifiers;
using Npgsql;

namespace Credit.ReadModels.BulkJobs;

/// <summary>A job's progress as its court reads it.</summary>
/// <param name="RowsRead">Rows in the file.</param>
/// <param name="Accepted">Rows applied, including those applied already by an earlier submission of the same file.</param>
/// <param name="AlreadyApplied">Of the accepted, those the subject answered from its record of the row's key: made before (an
/// earlier submission of the same file, or this job before a restart or a late answer), nothing changed now.</param>
/// <param name="Refused">Rows a rule refused, on intake or by the subject; each is in the report with its field and rule.</param>
/// <param name="Failed">Rows that could not be applied after every retry; submitting the file again applies them safely.</param>
/// <param name="Pending">Rows not yet decided.</param>
public sealed record BulkJobProgress(Guid Id, string Court, string State, string Format, int RowsRead, int Accepted, int AlreadyApplied,
    int Refused, int Failed, int Pending, DateTimeOffset SubmittedAt, DateTimeOffset? FinishedAt);

/// <summary>One row of a job's report.</summary>
public sealed record BulkReportRow(int Line, string Action, string DocumentType, string Number, BulkRowResult Outcome, Guid? ItemId,
    IReadOnlyList<BulkRowProblem> Problems);

/// <summary>What a court reads of its own jobs; a job of another court is not found.</summary>
public sealed class BulkJobQueries(NpgsqlDataSource database)
{
    public async Task<BulkJobProgress?> FindAsync(CourtCode court, Guid job, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT job_id, court, state, format, rows_read, accepted, already_applied, refused, failed, submitted_at, finished_at
            FROM bulk_jobs WHERE job_id = $1 AND court = $2
            """);
        command.Parameters.AddWithValue(job);
        command.Parameters.AddWithValue(court.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        var (read, accepted, refused, failed) = (reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(7), reader.GetInt32(8));
        return new BulkJobProgress(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), read, accepted,
            reader.GetInt32(6), refused, failed, read - accepted - refused - failed, reader.GetFieldValue<DateTimeOffset>(9),
            reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10));
    }

    /// <summary>Every row of the job in file order, read as the report is written, so a report of 200,000 rows is never held
    /// in memory.</summary>
    public async IAsyncEnumerable<BulkReportRow> ReportAsync(Guid job, bool problemsOnly, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT line, action, document_type, number, outcome, item_id, refusals FROM bulk_job_rows
            WHERE job_id = $1 {(problemsOnly ? "AND outcome IN (3, 4)" : "")} ORDER BY line
            """);
        command.Parameters.AddWithValue(job);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new BulkReportRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                (BulkRowResult)reader.GetInt16(4), reader.IsDBNull(5) ? null : reader.GetGuid(5),
                BulkCommandJson.ReadProblems(reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
    }
}
