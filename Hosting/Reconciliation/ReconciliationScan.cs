using System.Text.Json;
using Credit.Grains.Interfaces.Subjects;
using Credit.ReadModels.Interceptions;
using Credit.ReadModels.Removals;
using Credit.ReadModels.Statistics;
using Npgsql;

namespace Credit.Hosting.Reconciliation;

/// <summary>A subject whose readers disagree with its stored state.</summary>
/// <param name="Stored">Its stored state; null for a row in the interception read model of a subject with none.</param>
/// <param name="Lagging">The change log or the public read model lack changes of the stored state.</param>
/// <param name="InterceptionDiffers">Its row in <c>intercepted_subjects</c> is missing, extra or says something else.</param>
public sealed record SubjectDifference(string Key, SubjectSnapshot? Stored, long StoredVersion, bool Lagging, bool InterceptionDiffers);

/// <summary>Rows of <c>listing_removals</c> that disagree with the subjects' stored state.</summary>
/// <param name="Rows">The rows as they should read, for ended listings whose row is missing or says something else.</param>
/// <param name="Denied">Rows for listings that the stored state of their subject does not have as ended.</param>
public sealed record RemovalDifferences(IReadOnlyList<ListingRemovalRow> Rows, IReadOnlyList<Guid> Denied)
{
    public int Count => Rows.Count + Denied.Count;
}

/// <summary>Rows of <c>measure_dates</c> that disagree with the subjects' stored state.</summary>
/// <param name="Rows">The rows as they should read, for measures whose row is missing or says something else.</param>
/// <param name="Denied">Rows for measures that the stored state of their subject does not hold.</param>
public sealed record MeasureDateDifferences(IReadOnlyList<MeasureDateRow> Rows, IReadOnlyList<Guid> Denied)
{
    public int Count => Rows.Count + Denied.Count;
}

/// <summary>Reads every subject's stored grain state beside the change log, the public read model and the
/// interception read model, in one statement, and finds where they disagree; and beside the removals' and the measures' dates
/// tables.</summary>
public sealed class ReconciliationScan(NpgsqlDataSource database, ListingRemovalsTable removalsTable, MeasureDatesTable measureDatesTable)
{
    /// <returns>How many subjects have a stored state, the differences, and the removals' and measures' rows that disagree.</returns>
    public async Task<(int Subjects, IReadOnlyList<SubjectDifference> Differences, RemovalDifferences Removals, MeasureDateDifferences Measures)> RunAsync(
        CancellationToken cancellationToken)
    {
        var recorded = await removalsTable.ReadAllAsync(cancellationToken);
        var dated = await measureDatesTable.ReadAllAsync(cancellationToken);
        var measureRows = new List<MeasureDateRow>();
        var (removalRows, denied, subjectKeys) = (new List<ListingRemovalRow>(), new List<Guid>(), new HashSet<string>(StringComparer.Ordinal));
        // The full join also brings rows of intercepted_subjects whose subject has no stored state.
        await using var command = database.CreateCommand("""
            SELECT COALESCE(s.subject_key, i.subject_key), s.payloadbinary, COALESCE(p.version, 0),
                   (SELECT count(*) FROM change_log c WHERE c.subject_key = s.subject_key),
                   (SELECT count(*) FROM public_listings l WHERE l.subject_key = s.subject_key AND l.subject_version <> p.version),
                   i.document_type, i.id_number, i.name, i.sex, i.birth_date, i.triggers, i.holds::text
            FROM (SELECT grainidextensionstring AS subject_key, payloadbinary FROM orleansstorage
                  WHERE graintypestring = $1 AND payloadbinary IS NOT NULL) s
            FULL JOIN intercepted_subjects i ON i.subject_key = s.subject_key
            LEFT JOIN projected_subjects p ON p.subject_key = s.subject_key
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = "subject" });
        var subjects = 0;
        var differences = new List<SubjectDifference>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            var state = reader.IsDBNull(1) ? null : StoredSubjectState.Read(reader.GetFieldValue<byte[]>(1));
            if (state is not null)
                subjects++;
            var storedVersion = state?.Version ?? 0;
            var (projected, logged, stale) = (reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
            var lagging = state is not null && (storedVersion != projected || logged != storedVersion || stale > 0);
            var snapshot = state?.ToSnapshot();
            var agrees = InterceptionAgreement.Agrees(snapshot is null ? null : InterceptionProfile.Of(snapshot), Interception(reader));
            if (lagging || !agrees)
                differences.Add(new SubjectDifference(key, snapshot, storedVersion, lagging, !agrees));
            if (snapshot is not null)
            {
                subjectKeys.Add(key);
                var ended = ListingRemovalsWriter.RowsOf(snapshot, state!.History).ToList();
                removalRows.AddRange(ended.Where(row => !recorded.TryGetValue(row.ListingId, out var stored) || !stored.Agrees(row)));
                foreach (var row in ended)
                    recorded.Remove(row.ListingId);
                foreach (var row in MeasureDates.RowsOf(snapshot))
                {
                    if (!dated.Remove(row.ItemId, out var stored) || stored != row)
                        measureRows.Add(row);
                }
            }
        }
        // What is left of the table: rows for listings not ended in a stored state; those of a subject that has one are denied.
        denied.AddRange(recorded.Values.Where(row => subjectKeys.Contains(row.SubjectKey)).Select(row => row.ListingId));
        var undated = dated.Values.Where(row => subjectKeys.Contains(row.SubjectKey)).Select(row => row.ItemId).ToList();
        return (subjects, differences, new RemovalDifferences(removalRows, denied), new MeasureDateDifferences(measureRows, undated));
    }

    private static StoredInterception? Interception(NpgsqlDataReader reader)
    {
        if (reader.IsDBNull(5))
            return null;
        var triggers = (InterceptionTriggers)reader.GetInt32(10);
        IReadOnlyList<InterceptionHold> holds;
        try
        {
            holds = InterceptionJson.Read(reader.GetString(11));
        }
        catch (JsonException)
        {
            return new StoredInterception(null, triggers);
        }
        return new StoredInterception(new InterceptionRow(
            reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9), holds), triggers);
    }
}
