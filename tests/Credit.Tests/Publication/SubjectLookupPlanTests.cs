using Credit.ReadModels.Postgres;
using Credit.Tests.Infrastructure;
using Npgsql;

namespace Credit.Tests.Publication;

/// <summary>The followers that read the listings of a batch of subjects (the partners' projector, the screens) find them
/// through the subject index even where PostgreSQL has no statistics yet, as on a fresh platform's first bulk job.</summary>
public sealed class SubjectLookupPlanTests(TestPostgres postgres)
{
    [Fact]
    public async Task A_batch_of_subjects_is_looked_up_by_index_in_a_large_table_never_analysed()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        await using (var fill = database.CreateCommand("""
            ALTER TABLE public_listings SET (autovacuum_enabled = false);
            INSERT INTO public_listings (listing_id, subject_key, subject_version, is_entity, document_type, id_number, masked_id, name,
                court_code, court_name, province, case_number, basis_issuer, basis_number, obligation, amount_owed, performance_status,
                amount_performed, grounds, behaviours, filing_date, publication_date)
            SELECT gen_random_uuid(), 'p:subject-' || i, 1, false, 'ResidentId', 'id-' || i, 'masked-' || i, '张三', '粤0103', '荔湾法院', '广东',
                '(2026)粤0103执' || i || '号', '法院', '文号', '支付', 100, 'NotPerformed', 0, '{1}', '拒不履行', '2026-01-02', '2026-12-03'
            FROM generate_series(1, 50000) AS i
            """))
            await fill.ExecuteNonQueryAsync(cancellation);
        var keys = Enumerable.Range(1, 400).Select(i => $"p:subject-{i * 97}").ToArray();

        var byIndex = await PlanAsync(database, $"SELECT l.listing_id FROM {RowsOfSubjects.From("public_listings", "l")}", keys);
        var byStatistics = await PlanAsync(database, "SELECT l.listing_id FROM public_listings l WHERE l.subject_key = ANY($1)", keys);

        Assert.DoesNotContain("Seq Scan on public_listings", byIndex);
        Assert.Contains("ix_public_listings_subject", byIndex);
        // Without statistics the plain form reads the whole table: what the shared lookup avoids.
        Assert.Contains("Seq Scan on public_listings", byStatistics);
        Assert.Equal(400, await CountAsync(database, $"SELECT count(*) FROM {RowsOfSubjects.From("public_listings", "l")}", [.. keys, .. keys[..10]]));
    }

    private static async Task<string> PlanAsync(NpgsqlDataSource database, string sql, string[] keys)
    {
        await using var explain = database.CreateCommand($"EXPLAIN {sql}");
        explain.Parameters.Add(new NpgsqlParameter { Value = keys });
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            lines.Add(reader.GetString(0));
        return string.Join('\n', lines);
    }

    private static async Task<long> CountAsync(NpgsqlDataSource database, string sql, string[] keys)
    {
        await using var count = database.CreateCommand(sql);
        count.Parameters.Add(new NpgsqlParameter { Value = keys });
        return (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
