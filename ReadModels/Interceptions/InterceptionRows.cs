using Credit.ReadModels.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace Credit.ReadModels.Interceptions;

/// <summary>What one transaction writes to the agencies' read model: subjects' rows removed or written in
/// <c>intercepted_subjects</c>, and their changes in <c>interception_changes</c>, with one statement of each kind however many
/// subjects it projects. Removals go first: a repair that re-adds a subject under another identity removes its row and
/// writes it anew in the same transaction.</summary>
internal sealed class InterceptionRows
{
    private readonly List<string> released = [];
    private readonly Columns held = new();
    private readonly List<long> positions = [];
    private readonly Columns changed = new();
    private readonly List<string> namesBefore = [];
    private readonly List<int> triggersBefore = [];
    private readonly List<string> holdsBefore = [];
    private readonly List<bool> repairs = [];
    private readonly List<DateOnly> beforeOn = [];
    private readonly List<DateOnly> afterOn = [];

    public bool Any => positions.Count > 0;

    /// <summary>The subject's change from <paramref name="before"/> to <paramref name="after"/> at <paramref name="position"/>,
    /// its holds before as of <paramref name="viewedBefore"/> and after as of <paramref name="today"/>, the day the row now records.</summary>
    public void Add(InterceptedSubject? before, InterceptedSubject after, long position, DateOnly viewedBefore, DateOnly today, bool repair)
    {
        if (after.Released)
            released.Add(after.SubjectKey);
        else
            held.Add(after, position, today);
        positions.Add(position);
        changed.Add(after, position, today);
        namesBefore.Add(before?.Name ?? after.Name);
        triggersBefore.Add(before?.Triggers ?? 0);
        holdsBefore.Add(before?.Holds ?? "[]");
        repairs.Add(repair);
        beforeOn.Add(viewedBefore);
        afterOn.Add(today);
    }

    public IEnumerable<NpgsqlBatchCommand> Commands()
    {
        if (released.Count > 0)
        {
            yield return new NpgsqlBatchCommand("DELETE FROM intercepted_subjects WHERE subject_key = ANY($1)")
            {
                Parameters = { ArrayParameter.Of(NpgsqlDbType.Text, released) },
            };
        }
        if (held.Count > 0)
        {
            var write = new NpgsqlBatchCommand("""
                INSERT INTO intercepted_subjects (subject_key, document_type, id_number, name, sex, birth_date, triggers, holds, position, as_of)
                SELECT subject_key, document_type, id_number, name, sex, birth_date, triggers, holds::json, position, as_of
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::int[], $8::text[], $9::bigint[], $10::date[])
                    AS r(subject_key, document_type, id_number, name, sex, birth_date, triggers, holds, position, as_of)
                ON CONFLICT (subject_key) DO UPDATE SET document_type = excluded.document_type, id_number = excluded.id_number,
                    name = excluded.name, sex = excluded.sex, birth_date = excluded.birth_date,
                    triggers = excluded.triggers, holds = excluded.holds, position = excluded.position, as_of = excluded.as_of
                """);
            held.AddParameters(write);
            yield return write;
        }
        if (positions.Count > 0)
        {
            var record = new NpgsqlBatchCommand("""
                INSERT INTO interception_changes (subject_key, document_type, id_number, name, sex, birth_date, triggers_after, holds_after,
                    position, after_on, name_before, triggers_before, holds_before, repair, before_on)
                SELECT subject_key, document_type, id_number, name, sex, birth_date, triggers_after, holds_after::json,
                    position, after_on, name_before, triggers_before, holds_before::json, repair, before_on
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::int[], $8::text[], $9::bigint[], $10::date[],
                    $11::text[], $12::int[], $13::text[], $14::boolean[], $15::date[])
                    AS r(subject_key, document_type, id_number, name, sex, birth_date, triggers_after, holds_after, position, after_on,
                        name_before, triggers_before, holds_before, repair, before_on)
                """);
            changed.AddParameters(record);
            record.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Text, namesBefore));
            record.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Integer, triggersBefore));
            record.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Text, holdsBefore));
            record.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Boolean, repairs));
            record.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Date, beforeOn));
            yield return record;
        }
    }

    /// <summary>A subject row's columns as the first ten parameters of a statement, in the order of <c>intercepted_subjects</c>.</summary>
    private sealed class Columns
    {
        private readonly List<string> subjectKeys = [];
        private readonly List<string> documentTypes = [];
        private readonly List<string> idNumbers = [];
        private readonly List<string> names = [];
        private readonly List<string?> sexes = [];
        private readonly List<DateOnly?> birthDates = [];
        private readonly List<int> triggers = [];
        private readonly List<string> holds = [];
        private readonly List<long> positions = [];
        private readonly List<DateOnly> asOf = [];

        public int Count => subjectKeys.Count;

        public void Add(InterceptedSubject row, long position, DateOnly day)
        {
            subjectKeys.Add(row.SubjectKey);
            documentTypes.Add(row.DocumentType);
            idNumbers.Add(row.IdNumber);
            names.Add(row.Name);
            sexes.Add(row.Sex);
            birthDates.Add(row.BirthDate);
            triggers.Add(row.Triggers);
            holds.Add(row.Holds);
            positions.Add(position);
            asOf.Add(day);
        }

        public void AddParameters(NpgsqlBatchCommand command)
        {
            command.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Text, subjectKeys));
            command.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Text, documentTypes));
            command.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Text, idNumbers));
            command.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Text, names));
            command.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Text, sexes));
            command.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Date, birthDates));
            command.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Integer, triggers));
            command.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Text, holds));
            command.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Bigint, positions));
            command.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Date, asOf));
        }
    }
}
