using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Time;
using Npgsql;
using NpgsqlTypes;

namespace Credit.ReadModels.Removals;

/// <summary>The statements that record the listings a subject's new changes removed or let expire, for the subject projection's
/// transaction, and the rows a subject's stored state implies, for reconciliation. A removal already recorded is left as it is
/// by the projection, so a repeated projection writes nothing twice; reconciliation overwrites a row that says otherwise.</summary>
public static class ListingRemovalsWriter
{
    private const string Insert = """
        INSERT INTO listing_removals (listing_id, subject_key, court, removed_by, case_number, reason, event_date, removed_at, removed_on,
            amount_owed, amount_performed)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        """;

    public static IEnumerable<NpgsqlBatchCommand> Record(SubjectSnapshot subject, IReadOnlyList<ChangeRecord> changes)
    {
        foreach (var change in changes.Where(c => c.Kind is ChangeKind.ListingRemoved or ChangeKind.ListingExpired))
        {
            if (subject.Listings.FirstOrDefault(l => l.Id == change.ItemId) is not { End: { } end } listing)
                continue;
            yield return Command($"{Insert} ON CONFLICT (listing_id) DO NOTHING", Row(subject, listing, end, change.Court));
        }
    }

    /// <summary>Every ended listing of the subject as its row should read, removed by the court its history names.</summary>
    public static IEnumerable<ListingRemovalRow> RowsOf(SubjectSnapshot subject, IReadOnlyList<ChangeRecord> history)
    {
        foreach (var listing in subject.Listings)
        {
            if (listing.End is not { } end)
                continue;
            var removal = history.LastOrDefault(c => c.ItemId == listing.Id && c.Kind is ChangeKind.ListingRemoved or ChangeKind.ListingExpired);
            yield return Row(subject, listing, end, removal?.Court ?? listing.Court);
        }
    }

    /// <summary>Writes the row as given, over whatever the table has for the listing.</summary>
    public static NpgsqlBatchCommand Repair(ListingRemovalRow row) => Command($"""
        {Insert}
        ON CONFLICT (listing_id) DO UPDATE SET subject_key = excluded.subject_key, court = excluded.court, removed_by = excluded.removed_by,
            case_number = excluded.case_number, reason = excluded.reason, event_date = excluded.event_date, removed_at = excluded.removed_at,
            removed_on = excluded.removed_on, amount_owed = excluded.amount_owed, amount_performed = excluded.amount_performed
        """, row);

    public static NpgsqlBatchCommand Delete(Guid listingId) =>
        new("DELETE FROM listing_removals WHERE listing_id = $1") { Parameters = { new NpgsqlParameter { Value = listingId } } };

    private static ListingRemovalRow Row(SubjectSnapshot subject, Listing listing, ListingEnd end, CourtCode removedBy) => new(
        listing.Id, subject.Profile.Id.Key, listing.Court.Value, removedBy.Value, listing.CaseNumber.Value, end.Reason.ToString(), end.EventDate,
        // The table keeps microseconds; the row says what a read of it would say.
        new DateTimeOffset(end.At.UtcTicks - end.At.UtcTicks % 10, TimeSpan.Zero), ChinaTime.DateOf(end.At), listing.AmountOwed,
        listing.Performance.AmountPerformed);

    private static NpgsqlBatchCommand Command(string sql, ListingRemovalRow row)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = row.ListingId });
        command.Parameters.Add(new NpgsqlParameter { Value = row.SubjectKey });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Court });
        command.Parameters.Add(new NpgsqlParameter { Value = row.RemovedBy });
        command.Parameters.Add(new NpgsqlParameter { Value = row.CaseNumber });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Reason });
        command.Parameters.Add(new NpgsqlParameter { Value = row.EventDate is { } day ? day : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = row.RemovedAt });
        command.Parameters.Add(new NpgsqlParameter { Value = row.RemovedOn });
        command.Parameters.Add(new NpgsqlParameter { Value = row.AmountOwed });
        command.Parameters.Add(new NpgsqlParameter { Value = row.AmountPerformed });
        return command;
    }
}
