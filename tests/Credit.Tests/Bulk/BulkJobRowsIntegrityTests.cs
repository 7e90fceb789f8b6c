using Credit.Grains.Interfaces.BulkJobs;
using Credit.Grains.Interfaces.Identifiers;
using Credit.ReadModels.BulkJobs;
using Credit.Tests.Infrastructure;
using Npgsql;

namespace Credit.Tests.Bulk;

/// <summary>A job's rows name a stored job and go with it, checked once per statement rather than by a foreign key
/// (0552_bulk_job_rows_job_checked_per_statement.sql).</summary>
public sealed class BulkJobRowsIntegrityTests(TestPostgres postgres)
{
    [Fact]
    public async Task Rows_naming_no_stored_job_are_refused_and_nothing_of_them_is_kept()
    {
        await using var database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync(migrate: true));
        var job = Guid.NewGuid();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => InsertRowsAsync(database, job, 3));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.Equal(0L, await CountRowsAsync(database, job));
    }

    [Fact]
    public async Task A_stored_job_keeps_its_rows_and_deleting_it_deletes_them_and_no_other_job_s()
    {
        await using var database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync(migrate: true));
        var (deleted, kept) = (await StoreJobAsync(database, 500), await StoreJobAsync(database, 2));

        await using (var delete = database.CreateCommand("DELETE FROM bulk_jobs WHERE job_id = $1"))
        {
            delete.Parameters.AddWithValue(deleted);
            await delete.ExecuteNonQueryAsync();
        }

        Assert.Equal(0L, await CountRowsAsync(database, deleted));
        Assert.Equal(2L, await CountRowsAsync(database, kept));
    }

    [Fact]
    public async Task A_row_never_moves_to_another_job()
    {
        await using var database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync(migrate: true));
        var (one, other) = (await StoreJobAsync(database, 1), await StoreJobAsync(database, 1));

        await using var move = database.CreateCommand("UPDATE bulk_job_rows SET job_id = $2 WHERE job_id = $1");
        move.Parameters.AddWithValue(one);
        move.Parameters.AddWithValue(other);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => move.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.Equal(1L, await CountRowsAsync(database, one));
    }

    private static async Task<Guid> StoreJobAsync(NpgsqlDataSource database, int rows)
    {
        var job = Guid.NewGuid();
        var stored = await new BulkJobWriter(database).StoreAsync(job, CourtCode.Parse("粤0103"), "test", "csv", Rows(rows),
            DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Equal(rows, stored.RefusedOnIntake);
        Assert.Equal((long)rows, await CountRowsAsync(database, job));
        return job;
    }

    /// <summary>Rows refused on intake: all the table needs, without a checked command.</summary>
    private static async IAsyncEnumerable<NewBulkRow> Rows(int count)
    {
        await Task.Yield();
        for (var line = 2; line < count + 2; line++)
            yield return new NewBulkRow(line, "list", "ResidentId", "x", null, null, [new BulkRowProblem("Validation", "number", "not a resident ID")]);
    }

    private static async Task InsertRowsAsync(NpgsqlDataSource database, Guid job, int count)
    {
        await using var insert = database.CreateCommand("""
            INSERT INTO bulk_job_rows (job_id, line, action, document_type, number, outcome)
            SELECT $1, line, 'list', 'ResidentId', 'x', 0 FROM generate_series(2, $2 + 1) line
            """);
        insert.Parameters.AddWithValue(job);
        insert.Parameters.AddWithValue(count);
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountRowsAsync(NpgsqlDataSource database, Guid job)
    {
        await using var count = database.CreateCommand("SELECT count(*) FROM bulk_job_rows WHERE job_id = $1");
        count.Parameters.AddWithValue(job);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
