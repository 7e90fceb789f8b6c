using System.Text.Json;
using Credit.Grains.Interfaces.Objections;
using Npgsql;
using NpgsqlTypes;

namespace Credit.ReadModels.Objections;

/// <summary>Writes an objection's row; a version older than the stored one changes nothing, so a late or repeated write is
/// harmless.</summary>
public sealed class PostgresObjectionProjection(NpgsqlDataSource database) : IObjectionProjection
{
    public async Task ProjectAsync(ObjectionView objection, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO objections (receipt, version, subject_key, listing_id, case_number, enforcing_court, reconsidering_court, status, remedy,
                filed_on, decided_on, reconsideration_requested_on, reconsideration_decided_on, remedied_on, steps, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, now())
            ON CONFLICT (receipt) DO UPDATE SET version = excluded.version, reconsidering_court = excluded.reconsidering_court,
                status = excluded.status, remedy = excluded.remedy, decided_on = excluded.decided_on,
                reconsideration_requested_on = excluded.reconsideration_requested_on, reconsideration_decided_on = excluded.reconsideration_decided_on,
                remedied_on = excluded.remedied_on, steps = excluded.steps, updated_at = now()
            WHERE objections.version < excluded.version
            """);
        var steps = objection.Steps.Select(s => new ObjectionStepRow(s.Number, s.Kind.ToString(), s.At, s.Court?.Value, s.Text, s.Remedy?.ToString()));
        command.Parameters.AddWithValue(objection.Receipt);
        command.Parameters.AddWithValue(objection.Version);
        command.Parameters.AddWithValue(objection.Subject.Key);
        command.Parameters.AddWithValue(objection.ListingId);
        command.Parameters.AddWithValue(objection.CaseNumber.Value);
        command.Parameters.AddWithValue(objection.EnforcingCourt.Value);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)objection.ReconsideringCourt?.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.AddWithValue(objection.Status.ToString());
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)objection.Remedy?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.AddWithValue(objection.FiledOn);
        AddDate(command, objection.DecidedOn);
        AddDate(command, objection.ReconsiderationRequestedOn);
        AddDate(command, objection.ReconsiderationDecidedOn);
        AddDate(command, objection.RemediedOn);
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(steps, ObjectionRows.Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddDate(NpgsqlCommand command, DateOnly? date) =>
        command.Parameters.Add(new NpgsqlParameter { Value = date is { } d ? d : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
}
