using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Time;
using Npgsql;

namespace Credit.ReadModels.Removals;

/// <summary>The statements that record the listings a subject's new changes removed or let expire, for the subject projection's
/// transaction. A removal already recorded is left as it is, so a repeated projection writes nothing twice.</summary>
public static class ListingRemovalsWriter
{
    public static IEnumerable<NpgsqlBatchCommand> Record(SubjectSnapshot subject, IReadOnlyList<ChangeRecord> changes)
    {
        foreach (var change in changes.Where(c => c.Kind is ChangeKind.ListingRemoved or ChangeKind.ListingExpired))
        {
            if (subject.Listings.FirstOrDefault(l => l.Id == change.ItemId) is not { End: { } end } listing)
                continue;
            var command = new NpgsqlBatchCommand("""
                INSERT INTO listing_removals (listing_id, subject_key, court, removed_by, case_number, reason, event_date, removed_at, removed_on,
                    amount_owed, amount_performed)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                ON CONFLICT (listing_id) DO NOTHING
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = listing.Id });
            command.Parameters.Add(new NpgsqlParameter { Value = subject.Profile.Id.Key });
            command.Parameters.Add(new NpgsqlParameter { Value = listing.Court.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = change.Court.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = listing.CaseNumber.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = end.Reason.ToString() });
            command.Parameters.Add(new NpgsqlParameter { Value = end.EventDate is { } day ? day : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
            command.Parameters.Add(new NpgsqlParameter { Value = end.At.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter { Value = ChinaTime.DateOf(end.At) });
            command.Parameters.Add(new NpgsqlParameter { Value = listing.AmountOwed });
            command.Parameters.Add(new NpgsqlParameter { Value = listing.Performance.AmountPerformed });
            yield return command;
        }
    }
}
