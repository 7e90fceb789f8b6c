using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Credit.ReadModels.Postgres;
using Npgsql;

namespace Credit.ReadModels.Screens;

/// <summary>Writes what courts record for the screens (<c>subject_photos</c>, <c>screen_exclusions</c>) and the record of
/// each write (<c>screen_records</c>), and announces each at commit on <see cref="NotificationChannel"/>.</summary>
/// <remarks>A court acts only on an active listing, and the check and the write must not straddle a projection that ends
/// the subject's last one: the photo would outlive every listing that shows it. So each write first takes the subject's
/// projection row in share mode (<c>projected_subjects</c>, which every projection of the subject locks for update): a
/// projection under way finishes first and the check sees what it wrote; one that starts later waits for this write and
/// is then followed by <see cref="DeleteOrphansAsync"/>.</remarks>
public sealed class ScreenRecords(NpgsqlDataSource database)
{
    public const string NotificationChannel = "credit_screens";

    /// <summary>The court or actor recorded for what the platform does by itself.</summary>
    public const string Platform = "platform";

    /// <summary>The name a subject's photo is served under: from the subject and the stored bytes, so a new photo gets a new
    /// name (and browsers never show the old one under it) and two subjects never share one.</summary>
    public static string PhotoIdOf(string subjectKey, ReadOnlySpan<byte> image)
    {
        var key = Encoding.UTF8.GetBytes(subjectKey);
        var input = new byte[key.Length + 1 + image.Length];
        key.CopyTo(input, 0);
        image.CopyTo(input.AsSpan(key.Length + 1));
        return Convert.ToHexStringLower(SHA256.HashData(input))[..32];
    }

    /// <summary>Stores the subject's photo, replacing any earlier one; the court must enforce one of its active listings.</summary>
    public async Task<(ScreenRecordOutcome Outcome, string? PhotoId)> StorePhotoAsync(string subjectKey, byte[] image, string mediaType, int width, int height,
        string court, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var outcome = await CourtOfSubjectAsync(connection, transaction, subjectKey, court, cancellationToken);
        if (outcome != ScreenRecordOutcome.Done)
            return (outcome, null);
        var photoId = PhotoIdOf(subjectKey, image);
        await ExecuteAsync(connection, transaction, """
            INSERT INTO subject_photos (subject_key, photo_id, image, media_type, width, height, court, actor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (subject_key) DO UPDATE SET photo_id = excluded.photo_id, image = excluded.image, media_type = excluded.media_type,
                width = excluded.width, height = excluded.height, court = excluded.court, actor = excluded.actor, uploaded_at = now()
            """, cancellationToken, subjectKey, photoId, image, mediaType, width, height, court, actor);
        await AppendAsync(connection, transaction, [(subjectKey, null, ScreenRecordAction.PhotoUploaded, court, actor, null)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (ScreenRecordOutcome.Done, photoId);
    }

    /// <summary>Deletes the subject's photo; the court must enforce one of its active listings.</summary>
    public async Task<ScreenRecordOutcome> DeletePhotoAsync(string subjectKey, string court, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var outcome = await CourtOfSubjectAsync(connection, transaction, subjectKey, court, cancellationToken);
        if (outcome != ScreenRecordOutcome.Done)
            return outcome;
        if (await ExecuteAsync(connection, transaction, "DELETE FROM subject_photos WHERE subject_key = $1", cancellationToken, subjectKey) == 0)
            return ScreenRecordOutcome.NotFound;
        await AppendAsync(connection, transaction, [(subjectKey, null, ScreenRecordAction.PhotoDeleted, court, actor, null)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ScreenRecordOutcome.Done;
    }

    /// <summary>Keeps the court's active listing off the screens (again: a repeat records the new reason).</summary>
    public async Task<(ScreenRecordOutcome Outcome, ScreenExclusion? Exclusion)> ExcludeAsync(string subjectKey, Guid listingId, string court, string actor,
        string reason, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var outcome = await CourtOfListingAsync(connection, transaction, subjectKey, listingId, court, cancellationToken);
        if (outcome != ScreenRecordOutcome.Done)
            return (outcome, null);
        DateTimeOffset at;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO screen_exclusions (listing_id, subject_key, court, actor, reason) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (listing_id) DO UPDATE SET actor = excluded.actor, reason = excluded.reason, excluded_at = now()
            RETURNING excluded_at
            """, connection, transaction))
        {
            foreach (var value in new object[] { listingId, subjectKey, court, actor, reason })
                insert.Parameters.Add(PositionalParameter.For(value));
            at = new DateTimeOffset(DateTime.SpecifyKind((DateTime)(await insert.ExecuteScalarAsync(cancellationToken))!, DateTimeKind.Utc));
        }
        await AppendAsync(connection, transaction, [(subjectKey, listingId, ScreenRecordAction.Excluded, court, actor, reason)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (ScreenRecordOutcome.Done, new ScreenExclusion(listingId, court, reason, at));
    }

    /// <summary>Lets the court's listing back onto the screens.</summary>
    public async Task<ScreenRecordOutcome> LiftExclusionAsync(string subjectKey, Guid listingId, string court, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var outcome = await CourtOfListingAsync(connection, transaction, subjectKey, listingId, court, cancellationToken);
        if (outcome != ScreenRecordOutcome.Done)
            return outcome;
        if (await ExecuteAsync(connection, transaction, "DELETE FROM screen_exclusions WHERE listing_id = $1", cancellationToken, listingId) == 0)
            return ScreenRecordOutcome.NotFound;
        await AppendAsync(connection, transaction, [(subjectKey, listingId, ScreenRecordAction.ExclusionLifted, court, actor, null)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ScreenRecordOutcome.Done;
    }

    /// <summary>Deletes the photos of subjects with no active listing left and the exclusions of listings no longer active,
    /// among <paramref name="subjectKeys"/> (null: every subject), recording each deletion. Returns how many it deleted.</summary>
    public async Task<int> DeleteOrphansAsync(IReadOnlyCollection<string>? subjectKeys, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var keys = subjectKeys?.ToArray();
        var deleted = new List<(string, Guid?, ScreenRecordAction, string, string, string?)>();
        await using (var photos = new NpgsqlCommand("""
            DELETE FROM subject_photos p
            WHERE ($1::text[] IS NULL OR p.subject_key = ANY($1)) AND NOT EXISTS (SELECT 1 FROM public_listings l WHERE l.subject_key = p.subject_key)
            RETURNING p.subject_key
            """, connection, transaction))
        {
            photos.Parameters.Add(PositionalParameter.For(keys));
            await using var reader = await photos.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                deleted.Add((reader.GetString(0), null, ScreenRecordAction.PhotoDeletedWithLastListing, Platform, Platform, null));
        }
        await using (var exclusions = new NpgsqlCommand("""
            DELETE FROM screen_exclusions x
            WHERE ($1::text[] IS NULL OR x.subject_key = ANY($1)) AND NOT EXISTS (SELECT 1 FROM public_listings l WHERE l.listing_id = x.listing_id)
            RETURNING x.subject_key, x.listing_id
            """, connection, transaction))
        {
            exclusions.Parameters.Add(PositionalParameter.For(keys));
            await using var reader = await exclusions.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                deleted.Add((reader.GetString(0), reader.GetGuid(1), ScreenRecordAction.ExclusionEndedWithListing, Platform, Platform, null));
        }
        if (deleted.Count > 0)
            await AppendAsync(connection, transaction, deleted, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted.Count;
    }

    /// <summary>Whether <paramref name="court"/> may act on the subject: Done when it enforces one of its active listings.</summary>
    private static async Task<ScreenRecordOutcome> CourtOfSubjectAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string subjectKey, string court,
        CancellationToken cancellationToken)
    {
        await LockSubjectAsync(connection, transaction, subjectKey, cancellationToken);
        await using var command = new NpgsqlCommand("SELECT DISTINCT court_code FROM public_listings WHERE subject_key = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = subjectKey });
        var courts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            courts.Add(reader.GetString(0));
        return courts.Count == 0 ? ScreenRecordOutcome.NotFound : courts.Contains(court) ? ScreenRecordOutcome.Done : ScreenRecordOutcome.OtherCourt;
    }

    private static async Task<ScreenRecordOutcome> CourtOfListingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string subjectKey, Guid listingId,
        string court, CancellationToken cancellationToken)
    {
        await LockSubjectAsync(connection, transaction, subjectKey, cancellationToken);
        await using var command = new NpgsqlCommand("SELECT court_code FROM public_listings WHERE listing_id = $1 AND subject_key = $2", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = listingId });
        command.Parameters.Add(new NpgsqlParameter { Value = subjectKey });
        return await command.ExecuteScalarAsync(cancellationToken) is not string owner ? ScreenRecordOutcome.NotFound
            : owner == court ? ScreenRecordOutcome.Done : ScreenRecordOutcome.OtherCourt;
    }

    private static async Task LockSubjectAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string subjectKey, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT 1 FROM projected_subjects WHERE subject_key = $1 FOR SHARE", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = subjectKey });
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Records each write at its own position from the head row, which stays locked until commit: positions become
    /// visible in order, without gaps.</summary>
    private static async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<(string Subject, Guid? Listing, ScreenRecordAction Action, string Court, string Actor, string? Reason)> records, CancellationToken cancellationToken)
    {
        long last;
        await using (var head = new NpgsqlCommand("UPDATE screen_records_head SET last = last + $1 WHERE id = 1 RETURNING last", connection, transaction))
        {
            head.Parameters.Add(new NpgsqlParameter { Value = (long)records.Count });
            last = (long)(await head.ExecuteScalarAsync(cancellationToken))!;
        }
        await using var batch = new NpgsqlBatch(connection, transaction);
        var position = last - records.Count;
        foreach (var (subject, listing, action, court, actor, reason) in records)
        {
            var insert = new NpgsqlBatchCommand(
                "INSERT INTO screen_records (position, subject_key, listing_id, action, court, actor, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)");
            foreach (var value in new object?[] { ++position, subject, listing, action.ToString(), court, actor, reason })
                insert.Parameters.Add(PositionalParameter.For(value));
            batch.BatchCommands.Add(insert);
        }
        var notify = new NpgsqlBatchCommand($"SELECT pg_notify('{NotificationChannel}', $1)");
        notify.Parameters.Add(new NpgsqlParameter { Value = last.ToString(CultureInfo.InvariantCulture) });
        batch.BatchCommands.Add(notify);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken,
        params object?[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
            command.Parameters.Add(PositionalParameter.For(value));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
