using Credit.Grains.Interfaces.Partners;
using Credit.ReadModels.Postgres;
using Credit.ReadModels.Screens;
using Npgsql;

namespace Credit.ReadModels.Partners;

/// <summary>What a row of <c>partner_record_log</c> records.</summary>
public enum PartnerRecordAction
{
    /// <summary>A court recorded (or replaced) the subject's usual residence.</summary>
    ResidenceRecorded,
    /// <summary>A court deleted it.</summary>
    ResidenceDeleted,
    /// <summary>A court recorded (or replaced) the subject's phone numbers.</summary>
    PhonesRecorded,
    /// <summary>A court deleted them.</summary>
    PhonesDeleted,
    /// <summary>The platform deleted what was recorded once the subject had no active listing left (data minimisation).</summary>
    DeletedWithLastListing,
}

/// <summary>What courts record of a subject for the partners (<c>subject_partner_records</c>) and the log of each write,
/// announced at commit. A court acts only on a subject with one of its active listings; the check and the write hold the
/// subject's projection row in share mode, as the screens' records do (<see cref="ScreenRecords"/>), so a record never
/// outlives the last listing.</summary>
public sealed class PartnerRecords(NpgsqlDataSource database)
{
    public const string Platform = "platform";

    public Task<ScreenRecordOutcome> RecordResidenceAsync(string subjectKey, Residence residence, string court, string actor, CancellationToken cancellationToken) =>
        WriteAsync(subjectKey, court, actor, PartnerRecordAction.ResidenceRecorded, """
            INSERT INTO subject_partner_records (subject_key, region_code, street, latitude, longitude, court, actor) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (subject_key) DO UPDATE SET region_code = excluded.region_code, street = excluded.street, latitude = excluded.latitude,
                longitude = excluded.longitude, court = excluded.court, actor = excluded.actor, updated_at = now()
            """, [subjectKey, residence.RegionCode, residence.Street, residence.Latitude, residence.Longitude, court, actor], cancellationToken);

    public Task<ScreenRecordOutcome> DeleteResidenceAsync(string subjectKey, string court, string actor, CancellationToken cancellationToken) =>
        WriteAsync(subjectKey, court, actor, PartnerRecordAction.ResidenceDeleted,
            "UPDATE subject_partner_records SET region_code = NULL, street = NULL, latitude = NULL, longitude = NULL, court = $2, actor = $3, updated_at = now() WHERE subject_key = $1 AND latitude IS NOT NULL",
            [subjectKey, court, actor], cancellationToken);

    public Task<ScreenRecordOutcome> RecordPhonesAsync(string subjectKey, IReadOnlyList<string> phones, string court, string actor, CancellationToken cancellationToken) =>
        WriteAsync(subjectKey, court, actor, PartnerRecordAction.PhonesRecorded, """
            INSERT INTO subject_partner_records (subject_key, phones, court, actor) VALUES ($1, $2, $3, $4)
            ON CONFLICT (subject_key) DO UPDATE SET phones = excluded.phones, court = excluded.court, actor = excluded.actor, updated_at = now()
            """, [subjectKey, phones.ToArray(), court, actor], cancellationToken);

    public Task<ScreenRecordOutcome> DeletePhonesAsync(string subjectKey, string court, string actor, CancellationToken cancellationToken) =>
        WriteAsync(subjectKey, court, actor, PartnerRecordAction.PhonesDeleted,
            "UPDATE subject_partner_records SET phones = '{}', court = $2, actor = $3, updated_at = now() WHERE subject_key = $1 AND cardinality(phones) > 0",
            [subjectKey, court, actor], cancellationToken);

    /// <summary>What the courts recorded of the subject, or null when nothing.</summary>
    public async Task<(Residence? Residence, IReadOnlyList<string> Phones)?> FindAsync(string subjectKey, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT region_code, street, latitude, longitude, phones FROM subject_partner_records WHERE subject_key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = subjectKey });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return (ResidenceOf(reader, 0), reader.GetFieldValue<string[]>(4));
    }

    /// <summary>The residence in columns region_code, street, latitude, longitude from <paramref name="first"/> on.</summary>
    public static Residence? ResidenceOf(NpgsqlDataReader reader, int first) => reader.IsDBNull(first)
        ? null
        : new Residence(reader.GetString(first), reader.IsDBNull(first + 1) ? null : reader.GetString(first + 1), reader.GetDouble(first + 2), reader.GetDouble(first + 3));

    /// <summary>Deletes what was recorded for those of <paramref name="subjectKeys"/> with no active listing left, and logs it,
    /// in the caller's transaction.</summary>
    public static async Task<int> DeleteOrphansAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<string> subjectKeys,
        CancellationToken cancellationToken)
    {
        var deleted = new List<string>();
        await using (var command = new NpgsqlCommand("""
            DELETE FROM subject_partner_records p
            WHERE p.subject_key = ANY($1) AND NOT EXISTS (SELECT 1 FROM public_listings l WHERE l.subject_key = p.subject_key)
            RETURNING p.subject_key
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = subjectKeys.ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                deleted.Add(reader.GetString(0));
        }
        foreach (var subject in deleted)
            await AppendAsync(connection, transaction, subject, PartnerRecordAction.DeletedWithLastListing, Platform, Platform, cancellationToken);
        return deleted.Count;
    }

    private async Task<ScreenRecordOutcome> WriteAsync(string subjectKey, string court, string actor, PartnerRecordAction action, string sql, object?[] values,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var outcome = await CourtOfSubjectAsync(connection, transaction, subjectKey, court, cancellationToken);
        if (outcome != ScreenRecordOutcome.Done)
            return outcome;
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            foreach (var value in values)
                command.Parameters.Add(PositionalParameter.For(value));
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
                return ScreenRecordOutcome.NotFound;
        }
        await AppendAsync(connection, transaction, subjectKey, action, court, actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ScreenRecordOutcome.Done;
    }

    private static async Task<ScreenRecordOutcome> CourtOfSubjectAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string subjectKey, string court,
        CancellationToken cancellationToken)
    {
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM projected_subjects WHERE subject_key = $1 FOR SHARE", connection, transaction))
        {
            lockRow.Parameters.Add(new NpgsqlParameter { Value = subjectKey });
            await lockRow.ExecuteScalarAsync(cancellationToken);
        }
        await using var command = new NpgsqlCommand("SELECT DISTINCT court_code FROM public_listings WHERE subject_key = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = subjectKey });
        var courts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            courts.Add(reader.GetString(0));
        return courts.Count == 0 ? ScreenRecordOutcome.NotFound : courts.Contains(court) ? ScreenRecordOutcome.Done : ScreenRecordOutcome.OtherCourt;
    }

    private static async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string subjectKey, PartnerRecordAction action, string court,
        string actor, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var insert = new NpgsqlBatchCommand("""
            WITH head AS (UPDATE partner_record_head SET last = last + 1 WHERE id = 1 RETURNING last)
            INSERT INTO partner_record_log (position, subject_key, action, court, actor) SELECT last, $1, $2, $3, $4 FROM head
            """);
        foreach (var value in new object[] { subjectKey, action.ToString(), court, actor })
            insert.Parameters.Add(new NpgsqlParameter { Value = value });
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_notify('{PartnerJson.RecordsChannel}', '')"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
