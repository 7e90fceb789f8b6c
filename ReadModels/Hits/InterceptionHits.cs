using System.Text;
using Credit.Grains.Interfaces.Identifiers;
using Npgsql;
using NpgsqlTypes;

namespace Credit.ReadModels.Hits;

/// <summary>The hits agencies reported, in <c>interception_hits</c> (0320_interception_hits.sql, 0400_hit_permissions.sql, 0420_agency_units.sql).</summary>
public sealed class InterceptionHits(NpgsqlDataSource database)
{
    private const string Columns = """
        id, agency_code, report_id, measure_code, subject_key, document_type, id_number, court_code, case_number,
        occurred_at, place, outcome, note, reported_at, reported_by, unit_code, permission_id
        """;

    /// <summary>Stores a new hit, or, when the agency (or its unit) already reported one under the same report id (a retry,
    /// or two racing copies of it), leaves that one as it is and answers it. Acknowledged once committed.</summary>
    public async Task<(HitReport Hit, bool Created)> RecordAsync(NewHit hit, CancellationToken cancellationToken)
    {
        await using (var insert = database.CreateCommand($"""
            INSERT INTO interception_hits (id, agency_code, report_id, measure_code, subject_key, document_type, id_number,
                court_code, case_number, hold_item_id, occurred_at, place, outcome, note, reported_by, unit_code, permission_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            ON CONFLICT (agency_code, unit_code, report_id) DO NOTHING
            RETURNING {Columns}
            """))
        {
            var subject = SubjectId.Parse(hit.Report.SubjectKey);
            foreach (var value in new object[]
            {
                Guid.CreateVersion7(), hit.Agency, hit.Report.ReportId, hit.Report.Measure, subject.Key, subject.Type.ToString(), subject.Number,
                hit.Court, hit.CaseNumber, hit.HoldItemId, hit.Report.OccurredAt.ToUniversalTime(), hit.Report.Place, hit.Report.Outcome.ToString(),
            })
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            }
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)hit.Report.Note ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = hit.ReportedBy });
            insert.Parameters.Add(new NpgsqlParameter { Value = hit.Unit ?? "" });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)hit.Report.PermissionId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
                return (Read(reader), true);
        }
        return (await FindAsync(hit.Agency, hit.Unit, hit.Report.ReportId, cancellationToken)
            ?? throw new InvalidOperationException("A conflicting hit report vanished."), false);
    }

    public async Task<HitReport?> FindAsync(string agency, string? unit, string reportId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM interception_hits WHERE agency_code = $1 AND unit_code = $2 AND report_id = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = agency });
        command.Parameters.Add(new NpgsqlParameter { Value = unit ?? "" });
        command.Parameters.Add(new NpgsqlParameter { Value = reportId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>A page of one court's hits, newest first.</summary>
    public async Task<HitPage> ListAsync(HitQuery query, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand();
        var sql = new StringBuilder($"SELECT {Columns} FROM interception_hits WHERE court_code = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = query.Court.Value });
        Period(command, sql, query.Start, query.End);
        if (query.Agency is { } agency)
            sql.Append(" AND agency_code = ").Append(Add(command, agency));
        if (query.After is { } after)
            sql.Append(" AND (occurred_at, id) < (").Append(Add(command, after.OccurredAt.ToUniversalTime())).Append(", ").Append(Add(command, after.Id)).Append(')');
        // One more than asked for tells whether another page follows.
        sql.Append(" ORDER BY occurred_at DESC, id DESC LIMIT ").Append(Add(command, query.Limit + 1));
        command.CommandText = sql.ToString();

        var items = new List<HitReport>(query.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                items.Add(Read(reader));
        }
        if (items.Count <= query.Limit)
            return new HitPage(items, null);
        items.RemoveAt(items.Count - 1);
        return new HitPage(items, new HitCursor(items[^1].OccurredAt, items[^1].Id).Encode());
    }

    /// <summary>One court's hits between two instants (start included, end excluded) counted by agency, by measure
    /// and by outcome, in one pass.</summary>
    public async Task<HitStatistics> CountAsync(CourtCode court, DateTimeOffset? start, DateTimeOffset? end, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand();
        var sql = new StringBuilder("""
            SELECT GROUPING(agency_code, measure_code, outcome), agency_code, measure_code, outcome, count(*)
            FROM interception_hits WHERE court_code = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = court.Value });
        Period(command, sql, start, end);
        sql.Append(" GROUP BY GROUPING SETS ((agency_code), (measure_code), (outcome), ())");
        command.CommandText = sql.ToString();

        long total = 0;
        List<HitCount> byAgency = [], byMeasure = [], byOutcome = [];
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var count = reader.GetInt64(4);
                // GROUPING sets a bit for each column the row is not grouped by: agency 4, measure 2, outcome 1.
                switch (reader.GetInt32(0))
                {
                    case 0b011:
                        byAgency.Add(new HitCount(reader.GetString(1), count));
                        break;
                    case 0b101:
                        byMeasure.Add(new HitCount(reader.GetString(2), count));
                        break;
                    case 0b110:
                        byOutcome.Add(new HitCount(reader.GetString(3), count));
                        break;
                    default:
                        total = count;
                        break;
                }
            }
        }
        return new HitStatistics(null, null, total, Ordered(byAgency), Ordered(byMeasure), Ordered(byOutcome));
    }

    private static List<HitCount> Ordered(List<HitCount> counts) =>
        [.. counts.OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal)];

    private static void Period(NpgsqlCommand command, StringBuilder sql, DateTimeOffset? start, DateTimeOffset? end)
    {
        if (start is { } first)
            sql.Append(" AND occurred_at >= ").Append(Add(command, first.ToUniversalTime()));
        if (end is { } last)
            sql.Append(" AND occurred_at < ").Append(Add(command, last.ToUniversalTime()));
    }

    private static string Add(NpgsqlCommand command, object value)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        return $"${command.Parameters.Count}";
    }

    private static HitReport Read(NpgsqlDataReader reader) => new(
        Id: reader.GetGuid(0),
        Agency: reader.GetString(1),
        Unit: reader.GetString(15) is { Length: > 0 } unit ? unit : null,
        ReportId: reader.GetString(2),
        Measure: reader.GetString(3),
        Subject: reader.GetString(4),
        DocumentType: Enum.Parse<DocumentType>(reader.GetString(5)),
        IdNumber: reader.GetString(6),
        Court: reader.GetString(7),
        CaseNumber: reader.GetString(8),
        OccurredAt: reader.GetFieldValue<DateTimeOffset>(9),
        Place: reader.GetString(10),
        Outcome: Enum.Parse<HitOutcome>(reader.GetString(11)),
        Note: reader.IsDBNull(12) ? null : reader.GetString(12),
        ReportedAt: reader.GetFieldValue<DateTimeOffset>(13),
        ReportedBy: reader.GetString(14),
        PermissionId: reader.IsDBNull(16) ? null : reader.GetGuid(16));
}
