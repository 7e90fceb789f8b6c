using System.Data;
using Credit.Grains.Interfaces.Identifiers;
using Credit.ReadModels.Interceptions.Areas;
using Credit.ReadModels.Postgres;
using Npgsql;

namespace Credit.ReadModels.Screens;

/// <summary>Everything the screens may show, as of one moment, and where the two logs stood then.</summary>
public sealed record ScreenState(IReadOnlyList<ScreenListing> Listings, long LogPosition, long RecordsPosition);

/// <summary>A stored photo as it is served.</summary>
public sealed record StoredPhoto(string PhotoId, byte[] Image, string MediaType);

/// <summary>Reads what the screens show: active listings (<c>public_listings</c>) with the courts' photos and exclusions.</summary>
public sealed class ScreenReadModel(NpgsqlDataSource database)
{
    // A million listings name a few dozen courts: one copy of each court's code and name in memory.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> courts = new(StringComparer.Ordinal);

    private const string Listings = $"""
        {ListingColumns}
        FROM public_listings l
        {ListingJoins}
        """;

    private const string ListingColumns = """
        SELECT l.listing_id, l.subject_key, l.is_entity, l.document_type, l.id_number, l.masked_id, l.name, l.court_code,
               COALESCE(c.name, l.court_name), l.case_number, l.amount_owed, l.publication_date, l.period_end,
               p.photo_id, x.listing_id IS NOT NULL, l.amount_owed - l.amount_performed
        """;

    private const string ListingJoins = """
        LEFT JOIN courts c ON c.code = l.court_code
        LEFT JOIN subject_photos p ON p.subject_key = l.subject_key
        LEFT JOIN screen_exclusions x ON x.listing_id = l.listing_id
        """;

    private static readonly string ListingsOfSubjects = $"{ListingColumns} FROM {RowsOfSubjects.From("public_listings", "l")} {ListingJoins}";

    /// <summary>Every active listing and both log heads in one repeatable-read snapshot: what the logs add after those
    /// positions is exactly what the snapshot lacks.</summary>
    public async Task<ScreenState> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        long log, records;
        await using (var heads = new NpgsqlCommand(
            "SELECT change_log_safe_head(change_log_horizon()), (SELECT last FROM screen_records_head WHERE id = 1)", connection, transaction))
        await using (var reader = await heads.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (log, records) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        var listings = await ReadAsync(new NpgsqlCommand(Listings, connection, transaction), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ScreenState(listings, log, records);
    }

    /// <summary>The active listings of <paramref name="subjectKeys"/> now.</summary>
    public async Task<IReadOnlyList<ScreenListing>> SubjectsAsync(IReadOnlyCollection<string> subjectKeys, CancellationToken cancellationToken)
    {
        var command = database.CreateCommand(ListingsOfSubjects);
        command.Parameters.Add(new NpgsqlParameter { Value = subjectKeys.ToArray() });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The subjects of the screen records after <paramref name="position"/>, and the last position read.</summary>
    public async Task<(IReadOnlyList<string> Subjects, long Last)> RecordsAfterAsync(long position, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT position, subject_key FROM screen_records WHERE position > $1 ORDER BY position LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = position });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var subjects = new List<string>();
        var last = position;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            last = reader.GetInt64(0);
            subjects.Add(reader.GetString(1));
        }
        return (subjects, last);
    }

    public async Task<StoredPhoto?> PhotoAsync(string photoId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT image, media_type FROM subject_photos WHERE photo_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = photoId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredPhoto(photoId, reader.GetFieldValue<byte[]>(0), reader.GetString(1)) : null;
    }

    private async Task<IReadOnlyList<ScreenListing>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            var listings = new List<ScreenListing>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var known = Enum.TryParse<DocumentType>(reader.GetString(3), out var type);
                var region = known ? RegionCodes.OfDocument(type, reader.GetString(4)) : default;
                listings.Add(new ScreenListing(
                    ListingId: reader.GetGuid(0),
                    SubjectKey: reader.GetString(1),
                    IsEntity: reader.GetBoolean(2),
                    DocumentType: known ? type : reader.GetBoolean(2) ? DocumentType.CreditCode : DocumentType.ResidentId,
                    Name: reader.GetString(6),
                    MaskedId: reader.GetString(5),
                    Region: region.IsEmpty ? null : region.ToString(),
                    CourtCode: Shared(reader.GetString(7)),
                    CourtName: Shared(reader.GetString(8)),
                    CaseNumber: reader.GetString(9),
                    AmountOwed: reader.GetDecimal(10),
                    AmountUnpaid: reader.GetDecimal(15),
                    PublicationDate: reader.GetFieldValue<DateOnly>(11),
                    PeriodEnd: reader.IsDBNull(12) ? null : reader.GetFieldValue<DateOnly>(12),
                    PhotoId: reader.IsDBNull(13) ? null : reader.GetString(13),
                    Excluded: reader.GetBoolean(14)));
            }
            return listings;
        }
    }

    private string Shared(string text) => courts.GetOrAdd(text, text);
}
