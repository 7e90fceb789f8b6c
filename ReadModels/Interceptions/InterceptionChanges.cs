using Credit.ReadModels.ChangeLog;
using Credit.ReadModels.Interceptions.Areas;
using Npgsql;

namespace Credit.ReadModels.Interceptions;

/// <summary>One row of <c>interception_changes</c>: the subject before and after a change, each with the day on which its
/// holds are read (the days differ when time alone moved what is in force).</summary>
public sealed record InterceptionChange(long Position, InterceptionRow Before, DateOnly BeforeOn, InterceptionRow After, DateOnly AfterOn);

/// <summary>The changes read after a position, and the safe head of the change log as of the same snapshot: when fewer rows
/// came than asked for, every change up to the head has been read.</summary>
public sealed record InterceptionChangePage(IReadOnlyList<InterceptionChange> Changes, long Head);

/// <summary>Reads <c>interception_changes</c> after a change-log position, up to the safe point of the reader's snapshot
/// (<see cref="ChangeLogHorizon"/>), so that a reader that resumes from the last position it read never misses a change.</summary>
public sealed class InterceptionChanges(NpgsqlDataSource database)
{
    // A unit's changes: those of subjects in its area before or after (the reader decides each).
    private static readonly string InArea = AreaSql.Condition("document_type", "id_number", ["holds_before", "holds_after"], 4);

    /// <summary>The newest change-log position taken: no feed ever gave out a position beyond it.</summary>
    public Task<long> NewestAsync(CancellationToken cancellationToken) => ChangeLogHorizon.NewestTakenAsync(database, cancellationToken);

    /// <summary>Up to <paramref name="limit"/> changes after <paramref name="after"/> that concern <paramref name="triggers"/>
    /// (before or after); with an <paramref name="area"/>, those of the area and a few beyond it (<see cref="AreaSql"/>).</summary>
    public async Task<InterceptionChangePage> ReadAsync(InterceptionTriggers triggers, Area? area, long after, int limit, CancellationToken cancellationToken)
    {
        // One statement, one snapshot: the head and the rows agree, so "no more rows" means up to the head.
        await using var command = database.CreateCommand($"""
            WITH {ChangeLogHorizon.Cte}
            SELECT h.head, c.position, c.document_type, c.id_number, c.name, c.name_before, c.sex, c.birth_date, c.holds_before::text, c.holds_after::text,
                   c.before_on, c.after_on
            FROM horizon h
            LEFT JOIN LATERAL (
                SELECT * FROM interception_changes
                WHERE position > $1 AND writer < h.below AND ((triggers_before | triggers_after) & $2) <> 0{(area is null ? "" : $" AND {InArea}")}
                ORDER BY position LIMIT $3) c ON true
            ORDER BY c.position
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = (int)triggers });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        if (area is not null)
        {
            foreach (var value in AreaSql.Parameters(area))
                command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        var changes = new List<InterceptionChange>();
        var head = after;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            head = reader.GetInt64(0);
            if (reader.IsDBNull(1))
                continue;
            string documentType = reader.GetString(2), idNumber = reader.GetString(3);
            var sex = reader.IsDBNull(6) ? null : reader.GetString(6);
            DateOnly? birth = reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7);
            var before = new InterceptionRow(documentType, idNumber, reader.GetString(5), sex, birth, InterceptionJson.Read(reader.GetString(8)));
            var now = before with { Name = reader.GetString(4), Holds = InterceptionJson.Read(reader.GetString(9)) };
            changes.Add(new InterceptionChange(reader.GetInt64(1), before, reader.GetFieldValue<DateOnly>(10), now, reader.GetFieldValue<DateOnly>(11)));
        }
        return new InterceptionChangePage(changes, head);
    }
}
