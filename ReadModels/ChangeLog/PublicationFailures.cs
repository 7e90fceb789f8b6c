using System.Globalization;
using Credit.Grains.Interfaces.Identifiers;
using Npgsql;

namespace Credit.ReadModels.ChangeLog;

/// <summary>A subject whose stored changes its grain could not publish, as last recorded (table <c>publication_failures</c>).</summary>
/// <param name="LastError">The exception's type and message, resident IDs masked.</param>
public sealed record PublicationFailure(
    string SubjectKey, long StoredVersion, int Attempts, DateTimeOffset FirstFailedAt, DateTimeOffset LastFailedAt, string LastError)
{
    /// <summary>One line for an operator's terminal, the subject's ID masked as in the logs.</summary>
    public string Describe() => ResidentIdsInText.Mask(string.Create(CultureInfo.InvariantCulture,
        $"{SubjectKey} version {StoredVersion}: {Attempts} failed attempts since {FirstFailedAt:u}, the last at {LastFailedAt:u}: {LastError}"));
}

/// <summary>Reads the subjects whose publication is failing: what readiness and <c>./credit reconcile</c> report. The grain
/// records each failed attempt and the projection that succeeds clears it (0350_publication_failures.sql).</summary>
public sealed class PublicationFailures(NpgsqlDataSource database)
{
    public async Task<IReadOnlyList<PublicationFailure>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT subject_key, stored_version, attempts, first_failed_at, last_failed_at, last_error
            FROM publication_failures ORDER BY first_failed_at, subject_key
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var failures = new List<PublicationFailure>();
        while (await reader.ReadAsync(cancellationToken))
        {
            failures.Add(new PublicationFailure(reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5)));
        }
        return failures;
    }

    /// <summary>How many subjects are failing, and since when the oldest.</summary>
    public async Task<(long Count, DateTimeOffset? Since)> SummaryAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT count(*), min(first_failed_at) FROM publication_failures");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }
}
