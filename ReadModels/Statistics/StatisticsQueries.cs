using Npgsql;

namespace Credit.ReadModels.Statistics;

/// <summary>One counted figure of one court in one month: <paramref name="Metric"/> is measures (key: Listing, Restriction,
/// ExitBan, each in the month of its own date, <see cref="MeasureDates"/>), removals (key: the reason, in the month of the
/// removal), objections (key: received, upheld) or hits (key: agency|measure|outcome).</summary>
public sealed record StatisticsCount(string Court, string Month, string Metric, string Key, long Count, decimal AmountOwed, decimal AmountPerformed);

/// <summary>An objection's dates, for its deadline today.</summary>
public sealed record ObjectionDates(string Court, string Month, string Status, DateOnly FiledOn, DateOnly? DecidedOn, DateOnly? ReconsiderationRequestedOn,
    DateOnly? ReconsiderationDecidedOn);

/// <summary>Counts per court and month (China time) over the measures' dates, the removals, the objections and the hit reports, for the
/// courts whose code starts with a prefix (a court and the courts below it).</summary>
public sealed class StatisticsQueries(NpgsqlDataSource database)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public async Task<List<StatisticsCount>> CountAsync(string courtPrefix, DateOnly from, DateOnly toExclusive, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT court, to_char(counted_on, 'YYYY-MM'), 'measures', measure, count(*), 0::numeric, 0::numeric
            FROM measure_dates WHERE starts_with(court, $1) AND counted_on >= $4 AND counted_on < $5
            GROUP BY 1, 2, 4
            UNION ALL
            SELECT court, to_char(removed_on, 'YYYY-MM'), 'removals', reason, count(*), sum(amount_owed), sum(amount_performed)
            FROM listing_removals WHERE starts_with(court, $1) AND removed_on >= $4 AND removed_on < $5
            GROUP BY 1, 2, 4
            UNION ALL
            SELECT enforcing_court, to_char(filed_on, 'YYYY-MM'), 'objections', 'received', count(*), 0, 0
            FROM objections WHERE starts_with(enforcing_court, $1) AND filed_on >= $4 AND filed_on < $5
            GROUP BY 1, 2
            UNION ALL
            SELECT enforcing_court, to_char(filed_on, 'YYYY-MM'), 'objections', 'upheld', count(*), 0, 0
            FROM objections WHERE remedy IS NOT NULL AND starts_with(enforcing_court, $1) AND filed_on >= $4 AND filed_on < $5
            GROUP BY 1, 2
            UNION ALL
            SELECT court_code, to_char(occurred_at AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM'), 'hits', agency_code || '|' || measure_code || '|' || outcome,
                count(*), 0, 0
            FROM interception_hits WHERE starts_with(court_code, $1) AND occurred_at >= $2 AND occurred_at < $3
            GROUP BY 1, 2, 4
            """);
        command.Parameters.AddWithValue(courtPrefix);
        command.Parameters.AddWithValue(new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), China).ToUniversalTime());
        command.Parameters.AddWithValue(new DateTimeOffset(toExclusive.ToDateTime(TimeOnly.MinValue), China).ToUniversalTime());
        command.Parameters.AddWithValue(from);
        command.Parameters.AddWithValue(toExclusive);
        var counts = new List<StatisticsCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            counts.Add(new StatisticsCount(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                reader.GetDecimal(5), reader.GetDecimal(6)));
        return counts;
    }

    /// <summary>The objections filed in the period that are still open, with the dates their deadline runs from.</summary>
    public async Task<List<ObjectionDates>> OpenObjectionsAsync(string courtPrefix, DateOnly from, DateOnly toExclusive, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT enforcing_court, to_char(filed_on, 'YYYY-MM'), status, filed_on, decided_on, reconsideration_requested_on, reconsideration_decided_on
            FROM objections
            WHERE status IN ({Objections.ObjectionQueries.OpenStatuses}) AND starts_with(enforcing_court, $1)
              AND filed_on >= $2 AND filed_on < $3
              -- An objection whose listing left the list is closed as moot when next read: nothing for the court to be late with.
              AND NOT EXISTS (SELECT 1 FROM listing_removals r WHERE r.listing_id = objections.listing_id)
            """);
        command.Parameters.AddWithValue(courtPrefix);
        command.Parameters.AddWithValue(from);
        command.Parameters.AddWithValue(toExclusive);
        var rows = new List<ObjectionDates>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new ObjectionDates(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3), Date(reader, 4),
                Date(reader, 5), Date(reader, 6)));
        return rows;
    }

    private static DateOnly? Date(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateOnly>(ordinal);
}
