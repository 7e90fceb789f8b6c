using Credit.ReadModels.PublicListings.Elasticsearch;
using Npgsql;
using NpgsqlTypes;

namespace Credit.Tests.Publication;

/// <summary>A listing as the tests put it in <c>public_listings</c>.</summary>
public sealed record TestListing(
    Guid Id,
    string Name,
    string IdNumber,
    string CaseNumber,
    DateOnly PublicationDate,
    bool IsEntity = false,
    string CourtCode = "粤0103",
    DateOnly? BirthDate = null,
    DateOnly? PeriodEnd = null);

/// <summary>Writes the PostgreSQL read model the way the subject projection does: for each accepted change,
/// in one transaction, the subject's projected version, its active listings replacing the old ones, and the
/// change appended to the log at the next position, taken as the transaction's first write.</summary>
public sealed class ElasticsearchReadModel(string connectionString)
{
    public NpgsqlDataSource Database { get; } = NpgsqlDataSource.Create(connectionString);

    public async Task ProjectAsync(string subjectKey, long version, string kind, Guid itemId, params TestListing[] active)
    {
        await using var connection = await Database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        long position;
        await using (var take = new NpgsqlCommand("SELECT change_log_take(1)", connection, transaction))
            position = (long)(await take.ExecuteScalarAsync())!;
        await Execute(connection, transaction, """
            INSERT INTO projected_subjects (subject_key, version) VALUES ($1, $2)
            ON CONFLICT (subject_key) DO UPDATE SET version = EXCLUDED.version
            """, subjectKey, version);
        await Execute(connection, transaction, "DELETE FROM public_listings WHERE subject_key = $1", subjectKey);
        foreach (var listing in active)
        {
            await Execute(connection, transaction, """
                INSERT INTO public_listings (listing_id, subject_key, subject_version, is_entity, document_type, id_number, masked_id, name,
                    sex, birth_date, legal_representative, court_code, court_name, province, case_number, basis_issuer,
                    basis_number, obligation, amount_owed, performance_status, amount_performed, grounds, behaviours, filing_date,
                    publication_date, period_end)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, '广东省', $13, '广州市荔湾区人民法院', '(2024)粤0103民初1号',
                    '支付欠款', 5000, 'NotPerformed', 0, '{1}', '有履行能力而拒不履行', $14, $14, $15)
                """,
                listing.Id, subjectKey, version, listing.IsEntity, listing.IsEntity ? "CreditCode" : "ResidentId", listing.IdNumber,
                listing.IsEntity ? listing.IdNumber : string.Concat(listing.IdNumber.AsSpan(0, 10), "****", listing.IdNumber.AsSpan(14)),
                listing.Name, listing.IsEntity ? DBNull.Value : (object)"Male", (object?)listing.BirthDate ?? DBNull.Value,
                listing.IsEntity ? (object)"法定代表人" : DBNull.Value, listing.CourtCode, listing.CaseNumber, listing.PublicationDate,
                (object?)listing.PeriodEnd ?? DBNull.Value);
        }
        await Execute(connection, transaction, """
            INSERT INTO change_log (position, subject_key, subject_version, kind, item_id, court, actor, reason, changed_at)
            VALUES ($1, $2, $3, $4, $5, '粤0103', 'test clerk', 'test', now())
            """, position, subjectKey, version, kind, itemId);
        await transaction.CommitAsync();
    }

    public async Task<long> HeadAsync()
    {
        await using var command = Database.CreateCommand("SELECT change_log_safe_head(change_log_horizon())");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public Task<long> CheckpointAsync(string alias) =>
        new SearchCheckpoints(Database).ReadAsync(SearchCheckpoints.EngineFor(alias), CancellationToken.None);

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
            command.Parameters.Add(value is DBNull ? new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.Unknown } : new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
    }
}
