using Credit.Api.Agencies.Access;
using Credit.Api.Agencies.Regions;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Agencies;
using Npgsql;

namespace Credit.Api.Agencies.Feeds;

/// <summary>Reads an agency's changes after a change-log position. Positions become visible in order and
/// without gaps (see 0200_publication.sql), so a reader that resumes from <see cref="AgencyChangePage.Next"/>
/// never misses a change.</summary>
public sealed class ChangeFeed(NpgsqlDataSource database)
{
    public const int MaxLimit = 1000;

    // A unit's changes: those of subjects in its area before or after (AgencyView decides each).
    private static readonly string InArea = AreaSql.Condition("document_type", "id_number", ["holds_before", "holds_after"], 4);

    /// <summary>The newest change-log position. A position beyond it was never given out by this platform's log (a
    /// mistyped cursor, or one kept across a restore of the database): reading after it would skip every change
    /// until the log caught up, so the feed refuses it.</summary>
    public async Task<long> HeadAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT last FROM change_log_head WHERE id = 1");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Checks a position an agency asks to resume after, naming the field it came in.</summary>
    public async Task CheckResumableAsync(long? after, string field, RequestErrors errors, CancellationToken cancellationToken)
    {
        if (after is < 0)
        {
            errors.Add(field, "must be a change-log position (0 or more)");
            return;
        }
        if (after is not { } position)
            return;
        var head = await HeadAsync(cancellationToken);
        if (position > head)
        {
            errors.Add(field, FormattableString.Invariant(
                $"is beyond the newest change-log position, {head}: resume from a position this feed gave out, or take a new snapshot and follow from its {FeedEndpoints.PositionHeader}"));
        }
    }

    public async Task<AgencyChangePage> ReadAsync(AgencyScope scope, long after, int limit, CancellationToken cancellationToken)
    {
        // One statement, one snapshot: the head and the rows agree, so "no more rows" means up to the head.
        await using var command = database.CreateCommand($"""
            SELECT h.last, c.position, c.document_type, c.id_number, c.name, c.name_before, c.sex, c.birth_date, c.holds_before::text, c.holds_after::text,
                   c.before_on, c.after_on
            FROM change_log_head h
            LEFT JOIN LATERAL (
                SELECT * FROM interception_changes
                WHERE position > $1 AND ((triggers_before | triggers_after) & $2) <> 0{(scope.Area is null ? "" : $" AND {InArea}")}
                ORDER BY position LIMIT $3) c ON true
            WHERE h.id = 1
            ORDER BY c.position
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = (int)scope.Triggers });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        if (scope.Area is { } area)
        {
            foreach (var value in AreaSql.Parameters(area))
                command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        var changes = new List<AgencyChange>();
        long head = after, lastRead = after;
        var rows = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            head = reader.GetInt64(0);
            if (reader.IsDBNull(1))
                continue;
            rows++;
            lastRead = reader.GetInt64(1);
            string documentType = reader.GetString(2), idNumber = reader.GetString(3);
            var sex = reader.IsDBNull(6) ? null : reader.GetString(6);
            DateOnly? birth = reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7);
            var before = new InterceptionRow(documentType, idNumber, reader.GetString(5), sex, birth, InterceptionJson.Read(reader.GetString(8)));
            var now = before with { Name = reader.GetString(4), Holds = InterceptionJson.Read(reader.GetString(9)) };
            if (AgencyView.Change(lastRead, before, reader.GetFieldValue<DateOnly>(10), now, reader.GetFieldValue<DateOnly>(11), scope) is { } change)
                changes.Add(change);
        }
        return new AgencyChangePage(changes, rows == limit ? lastRead : Math.Max(head, after));
    }
}
