using System.Text.Json;
using Credit.Grains.Interfaces.Agencies;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Partners;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.ChangeLog;
using Credit.ReadModels.Interceptions;
using Credit.ReadModels.Interceptions.Areas;
using Credit.ReadModels.Postgres;
using Credit.ReadModels.Screens;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Credit.ReadModels.Partners;

/// <summary>Keeps <c>partner_listings</c> and the partners' change log (<c>partner_changes</c>) in step with the change log
/// (a listing added, corrected, removed or expired), the courts' partner records (a residence, phone numbers), the courts'
/// screen records (an ID photo uploaded, replaced or deleted) and the calendar (a listing comes into force or passes its last
/// day). Each batch is one transaction under an advisory lock, so
/// of several processes one projects at a time, positions become visible in order, and a crash leaves the batch undone, to
/// be projected again. Each subject named is read again whole: projecting one twice changes nothing the second time, and a
/// listing added and removed between two batches never reaches the partners.</summary>
public sealed class PartnerProjector(NpgsqlDataSource database, TimeProvider clock, ILogger<PartnerProjector> logger) : BackgroundService
{
    private const int Batch = 2000;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private static readonly string Current = $$"""
        SELECT l.listing_id, l.subject_key, l.is_entity, l.document_type, l.id_number, l.masked_id, l.name, l.court_code,
               COALESCE(c.name, l.court_name), l.case_number, l.amount_owed, l.publication_date, l.period_end,
               r.region_code, r.street, r.coarse_latitude, r.coarse_longitude, COALESCE(r.phones, '{}'), p.photo_id
        FROM {{RowsOfSubjects.From("public_listings", "l")}}
        LEFT JOIN courts c ON c.code = l.court_code
        LEFT JOIN subject_partner_records r ON r.subject_key = l.subject_key
        LEFT JOIN subject_photos p ON p.subject_key = l.subject_key
        """;

    private static readonly string StoredListings = $"SELECT p.listing FROM {RowsOfSubjects.From("partner_listings", "p")}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await database.OpenConnectionAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {InterceptionJson.NotificationChannel}; LISTEN {PartnerJson.RecordsChannel}; LISTEN {ScreenRecords.NotificationChannel}", listener))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                var pace = new FollowerPace();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await pace.BeforeReadAsync(stoppingToken);
                    while (await ProjectAsync(stoppingToken))
                    {
                    }
                    await listener.WaitAsync(Poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(error, "Projecting the partners' listings failed; retrying in a second");
                await Task.Delay(Poll, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Projects one batch; true when there may be more.</summary>
    public async Task<bool> ProjectAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long last, logPosition, recordsPosition, photosPosition;
        DateOnly? judged;
        // One projector at a time, by an advisory lock rather than a row lock: a row lock gives the transaction its ID at once,
        // and every change-log reader waits behind the oldest open transaction ID (ChangeLogHorizon), so the partners' reads
        // below would hold back the agencies' feeds; this way the transaction has an ID only from its first write.
        await using (var exclusive = new NpgsqlCommand("SELECT pg_advisory_xact_lock(5001041, 1)", connection, transaction))
            await exclusive.ExecuteNonQueryAsync(cancellationToken);
        await using (var head = new NpgsqlCommand(
            "SELECT last, log_position, records_position, day, photos_position FROM partner_feed_head WHERE id = 1", connection, transaction))
        await using (var reader = await head.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (last, logPosition, recordsPosition) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            judged = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3);
            photosPosition = reader.GetInt64(4);
        }
        // Each subject in the order it was first named (change log, then the records): a batch's changes go out in that order.
        var subjects = new Dictionary<string, long>(StringComparer.Ordinal);
        var (logCount, newLog) = await ReadPositionsAsync(connection, transaction,
            $"SELECT position, subject_key, kind FROM change_log c WHERE position > $1 AND {ChangeLogHorizon.Readable("c")} ORDER BY position LIMIT $2",
            logPosition, subjects, kind => new ChangeLogEntry(0, "", kind, Guid.Empty).IsAboutListing, cancellationToken);
        var (recordCount, newRecords) = await ReadPositionsAsync(connection, transaction,
            "SELECT position, subject_key, action FROM partner_record_log WHERE position > $1 ORDER BY position LIMIT $2",
            recordsPosition, subjects, _ => true, cancellationToken);
        var photoActions = new[] { nameof(ScreenRecordAction.PhotoUploaded), nameof(ScreenRecordAction.PhotoDeleted), nameof(ScreenRecordAction.PhotoDeletedWithLastListing) };
        var (photoCount, newPhotos) = await ReadPositionsAsync(connection, transaction,
            "SELECT position, subject_key, action FROM screen_records WHERE position > $1 ORDER BY position LIMIT $2",
            photosPosition, subjects, photoActions.Contains, cancellationToken);
        var today = clock.Today();
        if (judged != today)
            await ReadSubjectsInForceChangedAsync(connection, transaction, judged, today, subjects, cancellationToken);
        if (subjects.Count == 0 && logCount == 0 && recordCount == 0 && photoCount == 0 && judged == today)
            return false;

        var keys = subjects.Keys.ToArray();
        var changes = 0;
        if (keys.Length > 0)
        {
            await PartnerRecords.DeleteOrphansAsync(connection, transaction, keys, cancellationToken);
            var now = (await ReadCurrentAsync(connection, transaction, keys, cancellationToken)).Where(l => HoldPeriod.InForceOn(l.PublicationDate, l.PeriodEnd, today))
                .ToDictionary(l => l.ListingId);
            var stored = await ReadStoredAsync(connection, transaction, keys, cancellationToken);
            var writes = new PartnerWrites();
            foreach (var id in stored.Keys.Union(now.Keys).OrderBy(id => subjects[(now.GetValueOrDefault(id) ?? stored[id]).SubjectKey]).ThenBy(id => id))
            {
                var before = stored.GetValueOrDefault(id);
                var after = now.GetValueOrDefault(id);
                if (before is not null && after is not null && Same(before, after))
                    continue;
                var subject = (after ?? before)!.SubjectKey;
                if (after is null)
                {
                    // Gone from the list: its phones, residence and photo reference are kept nowhere the partners can read, not even in the
                    // changes a partner could still page through from an old position; the traces left let the filters judge the removal.
                    writes.Removed.Add(id);
                    before = before!.WithoutRecords();
                }
                var beforeJson = before is null ? null : JsonSerializer.Serialize(before, PartnerJson.Options);
                var afterJson = after is null ? null : JsonSerializer.Serialize(after, PartnerJson.Options);
                writes.AddChange(++last, id, subject, beforeJson, afterJson);
                if (after is not null)
                    writes.AddListing(id, subject, afterJson!);
                changes++;
            }
            await writes.ExecuteAsync(connection, transaction, cancellationToken);
        }
        await using (var update = new NpgsqlCommand(
            "UPDATE partner_feed_head SET last = $1, log_position = $2, records_position = $3, day = $4, photos_position = $5 WHERE id = 1", connection, transaction))
        {
            foreach (var value in new object[] { last, newLog, newRecords, today, newPhotos })
                update.Parameters.Add(new NpgsqlParameter { Value = value });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        if (changes > 0)
        {
            await using var notify = new NpgsqlCommand($"SELECT pg_notify('{PartnerJson.ChangesChannel}', $1)", connection, transaction);
            notify.Parameters.Add(new NpgsqlParameter { Value = last.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return logCount == Batch || recordCount == Batch || photoCount == Batch;
    }

    private static async Task<(int Count, long Last)> ReadPositionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, long after,
        Dictionary<string, long> subjects, Func<string, bool> concerns, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = Batch });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var (count, last) = (0, after);
        while (await reader.ReadAsync(cancellationToken))
        {
            count++;
            last = reader.GetInt64(0);
            if (concerns(reader.GetString(2)))
                subjects.TryAdd(reader.GetString(1), subjects.Count);
        }
        return (count, last);
    }

    /// <summary>The subjects with a listing that came into force or passed its last day since <paramref name="judged"/>.</summary>
    private static async Task ReadSubjectsInForceChangedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly? judged, DateOnly today,
        Dictionary<string, long> subjects, CancellationToken cancellationToken)
    {
        if (judged is null)
            return;
        await using var command = new NpgsqlCommand("""
            SELECT DISTINCT subject_key FROM public_listings
            WHERE (publication_date > $1 AND publication_date <= $2) OR (period_end >= $1 AND period_end < $2)
               OR (publication_date > $2 AND publication_date <= $1) OR (period_end >= $2 AND period_end < $1)
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = judged.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = today });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            subjects.TryAdd(reader.GetString(0), subjects.Count);
    }

    private static async Task<List<PartnerListing>> ReadCurrentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] keys,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Current, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = keys });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var listings = new List<PartnerListing>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var region = Enum.TryParse<DocumentType>(reader.GetString(3), out var type) ? RegionCodes.OfDocument(type, reader.GetString(4)) : default;
            listings.Add(new PartnerListing(
                ListingId: reader.GetGuid(0),
                SubjectKey: reader.GetString(1),
                IsEntity: reader.GetBoolean(2),
                Name: reader.GetString(6),
                MaskedId: reader.GetString(5),
                Region: region.IsEmpty ? null : region.ToString(),
                CourtCode: reader.GetString(7),
                CourtName: reader.GetString(8),
                CaseNumber: reader.GetString(9),
                AmountOwed: reader.GetDecimal(10),
                PublicationDate: reader.GetFieldValue<DateOnly>(11),
                PeriodEnd: reader.IsDBNull(12) ? null : reader.GetFieldValue<DateOnly>(12),
                // The grid's point (migration 0770), never the court's: the partners get a coarse residence and their geofences judge it.
                Residence: PartnerRecords.ResidenceOf(reader, 13),
                Phones: reader.GetFieldValue<string[]>(17),
                PhotoId: reader.IsDBNull(18) ? null : reader.GetString(18)));
        }
        return listings;
    }

    private static async Task<Dictionary<Guid, PartnerListing>> ReadStoredAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] keys,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(StoredListings, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = keys });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stored = new Dictionary<Guid, PartnerListing>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var listing = JsonSerializer.Deserialize<PartnerListing>(reader.GetString(0), PartnerJson.Options)!;
            stored[listing.ListingId] = listing;
        }
        return stored;
    }

    private static bool Same(PartnerListing a, PartnerListing b) => a with { Phones = [] } == b with { Phones = [] } && a.Phones.SequenceEqual(b.Phones);
}
