using System.Data;
using Credit.ReadModels.ChangeLog;
using Credit.ReadModels.Postgres;
using Npgsql;

namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>The current state of some subjects in the public read model, read in one snapshot.</summary>
/// <param name="Listings">Their rows in <c>public_listings</c> (active listings only).</param>
/// <param name="Versions">Their projected versions (<c>projected_subjects</c>).</param>
public sealed record SubjectsState(IReadOnlyList<ListingDocument> Listings, IReadOnlyDictionary<string, long> Versions);

/// <summary>Reads the PostgreSQL side the engine indexes: the public read model and the projected versions (tables of
/// <c>0200_publication.sql</c>), court names from <c>courts</c>.</summary>
public sealed class PublicReadModel(NpgsqlDataSource database)
{
    private const string Columns = """
        SELECT l.listing_id, l.subject_key, l.subject_version, l.is_entity, l.document_type, l.id_number, l.masked_id, l.name,
               l.sex, l.birth_date, l.legal_representative, l.court_code, COALESCE(c.name, l.court_name), l.province, l.case_number,
               l.basis_issuer, l.basis_number, l.obligation, l.performance_status, l.behaviours, l.filing_date, l.publication_date, l.period_end
        """;

    private const string ListingColumns = $"{Columns} FROM public_listings l LEFT JOIN courts c ON c.code = l.court_code";

    private static readonly string ListingsOfSubjects = $"{Columns} FROM {RowsOfSubjects.From("public_listings", "l")} LEFT JOIN courts c ON c.code = l.court_code";

    private static readonly string VersionsOfSubjects = $"SELECT v.subject_key, v.version FROM {RowsOfSubjects.From("projected_subjects", "v")}";

    /// <summary>The subjects' listings and versions as of one moment: the projection writes both in one
    /// transaction, and a repeatable-read snapshot sees both from the same commits.</summary>
    public async Task<SubjectsState> SubjectsAsync(IReadOnlyCollection<string> subjectKeys, CancellationToken cancellationToken)
    {
        var keys = subjectKeys.ToArray();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var read = new NpgsqlCommand(VersionsOfSubjects, connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = keys });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                versions[reader.GetString(0)] = reader.GetInt64(1);
        }
        var listings = new List<ListingDocument>();
        await using (var read = new NpgsqlCommand(ListingsOfSubjects, connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = keys });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                listings.Add(Document(reader));
        }
        await transaction.CommitAsync(cancellationToken);
        return new SubjectsState(listings, versions);
    }

    /// <summary>Those of the listings that are in the public read model now (active, as last projected).</summary>
    public async Task<IReadOnlyList<ListingDocument>> ListingsAsync(IReadOnlyCollection<Guid> listingIds, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"{ListingColumns} WHERE l.listing_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = listingIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var listings = new List<ListingDocument>(listingIds.Count);
        while (await reader.ReadAsync(cancellationToken))
            listings.Add(Document(reader));
        return listings;
    }

    /// <summary>Every public listing, in chunks, from one snapshot; returns the change-log position that snapshot reflects at
    /// least: its safe head, every change up to which it holds. It may hold some later ones too, of writers that committed
    /// while one with a lower position was still open; indexing their changes again after the position rewrites the same
    /// documents from the read model, under the same versions.</summary>
    public async Task<long> SnapshotAsync(int chunkSize, Func<IReadOnlyList<ListingDocument>, Task> onChunk, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var head = await ChangeLogHorizon.SafeHeadAsync(connection, transaction, cancellationToken);
        await using (var read = new NpgsqlCommand(ListingColumns, connection, transaction))
        {
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            var chunk = new List<ListingDocument>(chunkSize);
            while (await reader.ReadAsync(cancellationToken))
            {
                chunk.Add(Document(reader));
                if (chunk.Count == chunkSize)
                {
                    await onChunk(chunk);
                    chunk = new List<ListingDocument>(chunkSize);
                }
            }
            if (chunk.Count > 0)
                await onChunk(chunk);
        }
        await transaction.CommitAsync(cancellationToken);
        return head;
    }

    private static ListingDocument Document(NpgsqlDataReader reader) => new()
    {
        ListingId = reader.GetGuid(0),
        SubjectKey = reader.GetString(1),
        SubjectVersion = reader.GetInt64(2),
        Status = ListingFields.Active,
        IsEntity = reader.GetBoolean(3),
        DocumentType = reader.GetString(4),
        IdNumber = reader.GetString(5),
        MaskedId = reader.GetString(6),
        Name = reader.GetString(7),
        Sex = reader.IsDBNull(8) ? null : reader.GetString(8),
        BirthDate = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9),
        LegalRepresentative = reader.IsDBNull(10) ? null : reader.GetString(10),
        CourtCode = reader.GetString(11),
        CourtName = reader.GetString(12),
        Province = reader.GetString(13),
        CaseNumber = reader.GetString(14),
        BasisIssuer = reader.GetString(15),
        BasisNumber = reader.GetString(16),
        Obligation = reader.GetString(17),
        PerformanceStatus = reader.GetString(18),
        Behaviours = reader.GetString(19),
        FilingDate = reader.GetFieldValue<DateOnly>(20),
        PublicationDate = reader.GetFieldValue<DateOnly>(21),
        PeriodEnd = reader.IsDBNull(22) ? null : reader.GetFieldValue<DateOnly>(22),
    };
}
