using Npgsql;

namespace Credit.ReadModels.Removals;

/// <summary>A removal as the courts' report reads it.</summary>
public sealed record RemovalRow(Guid ListingId, string SubjectKey, string Court, string RemovedBy, string CaseNumber, string Reason, DateOnly? EventDate,
    DateOnly RemovedOn);

public sealed class RemovalQueries(NpgsqlDataSource database)
{
    /// <summary>The removals of listings of the courts whose code starts with <paramref name="courtPrefix"/> (a court and the
    /// courts below it), removed from <paramref name="from"/> through <paramref name="to"/> (China dates), oldest first.</summary>
    public async Task<List<RemovalRow>> ListAsync(string courtPrefix, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT listing_id, subject_key, court, removed_by, case_number, reason, event_date, removed_on FROM listing_removals
            WHERE starts_with(court, $1) AND removed_on BETWEEN $2 AND $3
            ORDER BY removed_on, listing_id LIMIT 10000
            """);
        command.Parameters.AddWithValue(courtPrefix);
        command.Parameters.AddWithValue(from);
        command.Parameters.AddWithValue(to);
        var rows = new List<RemovalRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new RemovalRow(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6), reader.GetFieldValue<DateOnly>(7)));
        return rows;
    }
}
