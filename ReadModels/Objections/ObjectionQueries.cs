using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Credit.ReadModels.Objections;

/// <summary>The courts' queue and the receipt lookup, and the attachments' bytes.</summary>
public sealed class ObjectionQueries(NpgsqlDataSource database)
{
    private const string Columns = """
        receipt, subject_key, listing_id, case_number, enforcing_court, reconsidering_court, status, remedy, filed_on, decided_on,
        reconsideration_requested_on, reconsideration_decided_on, remedied_on, steps::text,
        EXISTS (SELECT 1 FROM listing_removals r WHERE r.listing_id = objections.listing_id
                AND (objections.status <> 'Rejected' OR r.removed_on <= objections.decided_on + 30))
        """;

    /// <summary>The statuses of <c>ObjectionStatuses.IsOpen</c>, as the rows hold them.</summary>
    public const string OpenStatuses = "'UnderReview', 'Upheld', 'UnderReconsideration', 'CorrectionOrdered'";

    public async Task<ObjectionRow?> FindAsync(string receipt, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM objections WHERE receipt = $1");
        command.Parameters.AddWithValue(receipt);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>The objections a court handles: as the enforcing court, and as the next-higher court once reconsideration is
    /// asked of it; open ones only unless <paramref name="includeClosed"/>. Oldest first.</summary>
    public async Task<List<ObjectionRow>> QueueAsync(string court, bool includeClosed, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM objections
            WHERE (enforcing_court = $1 OR reconsidering_court = $1)
              AND ($2 OR status IN ({OpenStatuses}))
            ORDER BY filed_on, receipt LIMIT $3
            """);
        command.Parameters.AddWithValue(court);
        command.Parameters.AddWithValue(includeClosed);
        command.Parameters.AddWithValue(limit);
        var rows = new List<ObjectionRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(Read(reader));
        return rows;
    }

    /// <summary>The day the open objection to the listing of <paramref name="caseNumber"/> was filed, if there is one besides
    /// <paramref name="receipt"/> (a retried filing's own) and its listing is still on the list.</summary>
    public async Task<DateOnly?> OpenObjectionFiledOnAsync(string subjectKey, string caseNumber, string receipt, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT min(filed_on) FROM objections
            WHERE subject_key = $1 AND case_number = $2 AND receipt <> $3 AND status IN ({OpenStatuses})
              AND NOT EXISTS (SELECT 1 FROM listing_removals r WHERE r.listing_id = objections.listing_id)
            """);
        command.Parameters.AddWithValue(subjectKey);
        command.Parameters.AddWithValue(caseNumber);
        command.Parameters.AddWithValue(receipt);
        return await command.ExecuteScalarAsync(cancellationToken) is DateOnly filedOn ? filedOn : null;
    }

    /// <summary>The receipt and applicant code a filing under <paramref name="idempotencyKey"/> gets: <paramref name="newReceipt"/> and
    /// <paramref name="newCode"/> for the first request with the key, the first one's for any later or concurrent one, with the
    /// fingerprint the first one had. The code is null for a filing claimed before codes were given.</summary>
    public async Task<(string Receipt, string Fingerprint, string? Code)> ClaimFilingAsync(string idempotencyKey, string fingerprint, string newReceipt,
        string newCode, CancellationToken cancellationToken)
    {
        // No row when the other request's insert committed after this statement's snapshot was taken (its conflict is seen, its
        // row is not) or its row was deleted since (its filing refused): the next statement sees it, or claims afresh.
        while (true)
        {
            if (await TryClaimFilingAsync(idempotencyKey, fingerprint, newReceipt, newCode, cancellationToken) is { } claim)
                return claim;
        }
    }

    /// <summary>One try of <see cref="ClaimFilingAsync"/>. Its reader is closed once, when the try ends: a data source's command
    /// gives its connection back to the pool as its reader closes, and the connection's reader object goes with it, so a second
    /// close of the same reader after a retry would consume another request's results on a connection that is no longer ours.</summary>
    private async Task<(string Receipt, string Fingerprint, string? Code)?> TryClaimFilingAsync(string idempotencyKey, string fingerprint,
        string newReceipt, string newCode, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            WITH claimed AS (
                INSERT INTO objection_filings (key_sha256, fingerprint, receipt, applicant_code_sealed) VALUES ($1, $2, $3, $4)
                ON CONFLICT (key_sha256) DO NOTHING
                RETURNING receipt, fingerprint, applicant_code_sealed)
            SELECT receipt, fingerprint, applicant_code_sealed FROM claimed
            UNION ALL
            SELECT receipt, fingerprint, applicant_code_sealed FROM objection_filings WHERE key_sha256 = $1 AND NOT EXISTS (SELECT 1 FROM claimed)
            """);
        command.Parameters.AddWithValue(KeyHash(idempotencyKey));
        command.Parameters.AddWithValue(fingerprint);
        command.Parameters.AddWithValue(newReceipt);
        command.Parameters.Add(new NpgsqlParameter { Value = SealedApplicantCode.Seal(newCode, idempotencyKey, newReceipt), NpgsqlDbType = NpgsqlDbType.Bytea });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        var receipt = reader.GetString(0);
        var code = reader.IsDBNull(2) ? null : SealedApplicantCode.Open(reader.GetFieldValue<byte[]>(2), idempotencyKey, receipt);
        return (receipt, reader.GetString(1), code);
    }

    /// <summary>Frees the key of a refused filing, so the applicant may correct the form and file under it.</summary>
    public async Task ForgetFilingAsync(string idempotencyKey, string receipt, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM objection_filings WHERE key_sha256 = $1 AND receipt = $2");
        command.Parameters.AddWithValue(KeyHash(idempotencyKey));
        command.Parameters.AddWithValue(receipt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string KeyHash(string idempotencyKey) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));

    /// <summary>Stores the files of an objection about to be filed; replaced whole if the same receipt is stored again (a retried
    /// filing), one request at a time per receipt.</summary>
    public async Task StoreAttachmentsAsync(string receipt, IReadOnlyList<(string FileName, string MediaType, byte[] Content, string Sha256)> files,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Two requests of one double submission store the same files; the second waits for the first instead of colliding.
        await using (var exclusive = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 620))", connection, transaction))
        {
            exclusive.Parameters.AddWithValue(receipt);
            await exclusive.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var delete = new NpgsqlCommand("DELETE FROM objection_attachments WHERE receipt = $1", connection, transaction))
        {
            delete.Parameters.AddWithValue(receipt);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        for (var i = 0; i < files.Count; i++)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO objection_attachments (receipt, number, file_name, media_type, content, sha256) VALUES ($1, $2, $3, $4, $5, $6)", connection, transaction);
            insert.Parameters.AddWithValue(receipt);
            insert.Parameters.AddWithValue(i + 1);
            insert.Parameters.AddWithValue(files[i].FileName);
            insert.Parameters.AddWithValue(files[i].MediaType);
            insert.Parameters.Add(new NpgsqlParameter { Value = files[i].Content, NpgsqlDbType = NpgsqlDbType.Bytea });
            insert.Parameters.AddWithValue(files[i].Sha256);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Removes the files of a filing that was refused.</summary>
    public async Task DeleteAttachmentsAsync(string receipt, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM objection_attachments WHERE receipt = $1");
        command.Parameters.AddWithValue(receipt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ObjectionAttachmentFile?> AttachmentAsync(string receipt, int number, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT file_name, media_type, content FROM objection_attachments WHERE receipt = $1 AND number = $2");
        command.Parameters.AddWithValue(receipt);
        command.Parameters.AddWithValue(number);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ObjectionAttachmentFile(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2))
            : null;
    }

    private static ObjectionRow Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.GetFieldValue<DateOnly>(8), Date(reader, 9), Date(reader, 10), Date(reader, 11), Date(reader, 12),
        JsonSerializer.Deserialize<List<ObjectionStepRow>>(reader.GetString(13), ObjectionRows.Json) ?? [], reader.GetBoolean(14));

    private static DateOnly? Date(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateOnly>(ordinal);
}
