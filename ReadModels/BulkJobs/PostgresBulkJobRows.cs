using Credit.Grains.Interfaces.BulkJobs;
using Credit.Grains.Interfaces.Identifiers;
using Npgsql;
using NpgsqlTypes;

namespace Credit.ReadModels.BulkJobs;

/// <summary>The job's grain reads its pending rows and records their outcomes here (0550_bulk_jobs.sql, 0551_bulk_job_rows_no_pending_index.sql).</summary>
public sealed class PostgresBulkJobRows(NpgsqlDataSource database) : IBulkJobRows
{
    public async Task<BulkJobHeader?> FindAsync(Guid job, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT court, actor, state FROM bulk_jobs WHERE job_id = $1");
        command.Parameters.AddWithValue(job);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new BulkJobHeader(job, CourtCode.Parse(reader.GetString(0)), reader.GetString(1), reader.GetString(2) == BulkJobStates.Completed);
    }

    /// <summary>The pending rows after <paramref name="afterLine"/>, up to <paramref name="limit"/>. The job's rows are walked in
    /// line order by the primary key, a page at a time, and the decided ones left out here: asked for the pending ones by
    /// their outcome, PostgreSQL judged them rare once most rows were decided and read every row after the line to sort
    /// them (198 ms a page at 200,000 rows), when the rows after the job's last line read are all pending.</summary>
    public async Task<IReadOnlyList<PendingBulkRow>> PendingAsync(Guid job, int afterLine, int limit, CancellationToken cancellationToken = default)
    {
        var pending = new List<PendingBulkRow>(limit);
        while (true)
        {
            await using var command = database.CreateCommand("""
                SELECT line, subject_key, command, attempts, outcome FROM bulk_job_rows
                WHERE job_id = $1 AND line > $2 ORDER BY line LIMIT $3
                """);
            command.Parameters.AddWithValue(job);
            command.Parameters.AddWithValue(afterLine);
            command.Parameters.AddWithValue(limit);
            var scanned = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    scanned++;
                    afterLine = reader.GetInt32(0);
                    if ((BulkRowResult)reader.GetInt16(4) == BulkRowResult.Pending)
                        pending.Add(new PendingBulkRow(afterLine, reader.GetString(1), BulkCommandJson.Read(reader.GetString(2)), reader.GetInt32(3)));
                }
            }
            if (pending.Count > 0 || scanned < limit)
                return pending;
        }
    }

    public async Task RecordAsync(Guid job, IReadOnlyList<BulkRowOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        if (outcomes.Count == 0)
            return;
        // One statement: the rows' outcomes and the job's counts change together, and a row recorded already is not
        // counted twice. A decided row's command (the whole request, ID number and name included) is dropped: only a
        // pending row is ever sent again, and the report needs only the line, action and number. Each row is found by its key on its own (the LIMIT keeps the subquery a lookup): joined to the
        // outcomes as a whole, PostgreSQL's plan read the whole job once most of its rows were decided. Only the job's grain
        // records its rows' outcomes, so a row does not move between the lookup and the update.
        await using var command = database.CreateCommand("""
            WITH outcome AS (
                SELECT o.*, p.row FROM unnest($2::int[], $3::smallint[], $4::uuid[], $5::text[], $6::int[]) AS o(line, outcome, item_id, refusals, attempts)
                CROSS JOIN LATERAL (SELECT ctid AS row FROM bulk_job_rows WHERE job_id = $1 AND line = o.line AND outcome = 0 LIMIT 1) p
            ), recorded AS (
                UPDATE bulk_job_rows r
                SET outcome = o.outcome, item_id = o.item_id, refusals = o.refusals, attempts = o.attempts, command = NULL
                FROM outcome o
                WHERE r.ctid = o.row AND r.outcome = 0
                RETURNING r.outcome
            )
            UPDATE bulk_jobs SET
                accepted = accepted + (SELECT count(*) FROM recorded WHERE outcome IN (1, 2)),
                already_applied = already_applied + (SELECT count(*) FROM recorded WHERE outcome = 2),
                refused = refused + (SELECT count(*) FROM recorded WHERE outcome = 3),
                failed = failed + (SELECT count(*) FROM recorded WHERE outcome = 4)
            WHERE job_id = $1
            """);
        command.Parameters.AddWithValue(job);
        command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Line).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => (short)o.Result).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
        command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.ItemId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = outcomes.Select(o => o.Problems.Count == 0 ? null : BulkCommandJson.Write(o.Problems)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Attempts).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> CompleteAsync(Guid job, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            WITH completed AS (
                UPDATE bulk_jobs SET state = 'Completed', finished_at = now()
                WHERE job_id = $1 AND state = 'Running' AND NOT EXISTS (SELECT 1 FROM bulk_job_rows WHERE job_id = $1 AND outcome = 0)
                RETURNING state
            )
            SELECT coalesce((SELECT state FROM completed), (SELECT state FROM bulk_jobs WHERE job_id = $1))
            """);
        command.Parameters.AddWithValue(job);
        return (await command.ExecuteScalarAsync(cancellationToken)) as string is null or BulkJobStates.Completed;
    }

    public async Task<IReadOnlyList<Guid>> RunningAsync(CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT job_id FROM bulk_jobs WHERE state = 'Running' ORDER BY submitted_at");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var jobs = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
            jobs.Add(reader.GetGuid(0));
        return jobs;
    }
}
