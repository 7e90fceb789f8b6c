namespace Credit.ReadModels.Postgres;

/// <summary>A table's rows of the subjects whose keys are the statement's first parameter (a text array), found through the
/// table's index on <c>subject_key</c> key by key, as a <c>FROM</c> item. <c>WHERE subject_key = ANY($1)</c> leaves the choice
/// to the statistics, and a table that grew since it was last analysed (a fresh platform's first bulk job: no statistics at
/// all) was read whole for every batch of a few hundred keys, 88 million rows read for 200,000 listings. Each key's own
/// lookup, kept apart by <c>OFFSET 0</c> so that the planner cannot merge it into one scan, stays an index lookup whatever
/// the statistics say. A key given twice yields its rows once.</summary>
public static class RowsOfSubjects
{
    public static string From(string table, string alias) =>
        $"(SELECT DISTINCT unnest($1::text[])) AS wanted(subject_key) CROSS JOIN LATERAL (SELECT * FROM {table} WHERE subject_key = wanted.subject_key OFFSET 0) AS {alias}";
}
