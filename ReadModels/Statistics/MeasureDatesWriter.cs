using Credit.Grains.Interfaces.Subjects;
using Credit.ReadModels.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace Credit.ReadModels.Statistics;

/// <summary>Writes the subjects' rows of <c>measure_dates</c> inside the subject projection's transaction, one statement for
/// every subject it projects. Every measure of a projected subject is written whatever its new changes were, so a change that
/// moves a date (a correction of a publication date, or a kind of change added later) moves the count without this code
/// knowing it; a row that already says the same is left untouched. Measures are never taken out of a subject's state, so
/// nothing is deleted here; reconciliation deletes a row the stored state denies.</summary>
public sealed class MeasureDatesWriter
{
    private const string Upsert = """
        INSERT INTO measure_dates (item_id, subject_key, measure, court, counted_on)
        SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[])
        ON CONFLICT (item_id) DO UPDATE SET subject_key = excluded.subject_key, measure = excluded.measure, court = excluded.court,
            counted_on = excluded.counted_on
        WHERE (measure_dates.subject_key, measure_dates.measure, measure_dates.court, measure_dates.counted_on)
            IS DISTINCT FROM (excluded.subject_key, excluded.measure, excluded.court, excluded.counted_on)
        """;

    private readonly List<MeasureDateRow> rows = [];

    public void Write(SubjectSnapshot subject) => rows.AddRange(MeasureDates.RowsOf(subject));

    /// <summary>The statement for the projection's batch: none when no subject holds a measure.</summary>
    public IEnumerable<NpgsqlBatchCommand> Commands() => rows.Count == 0 ? [] : [Command(rows)];

    /// <summary>Writes the rows as given, over whatever the table has for their measures.</summary>
    public static NpgsqlBatchCommand Command(IReadOnlyCollection<MeasureDateRow> rows) => new(Upsert)
    {
        Parameters =
        {
            ArrayParameter.Of(NpgsqlDbType.Uuid, rows.Select(r => r.ItemId)), ArrayParameter.Of(NpgsqlDbType.Text, rows.Select(r => r.SubjectKey)),
            ArrayParameter.Of(NpgsqlDbType.Text, rows.Select(r => r.Measure)), ArrayParameter.Of(NpgsqlDbType.Text, rows.Select(r => r.Court)),
            ArrayParameter.Of(NpgsqlDbType.Date, rows.Select(r => r.CountedOn)),
        },
    };
}
