using System.Text;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Text;
using Credit.Grains.Interfaces.Time;
using Npgsql;

namespace Credit.ReadModels.PublicListings;

/// <summary>Public search over the PostgreSQL read model, the embedded default. Exact and leading names use
/// the name B-tree, names containing the query further in the GIN index over two-character windows; IDs and
/// case numbers use B-tree indexes.</summary>
public sealed class PostgresPublicSearch(NpgsqlDataSource database, TimeProvider clock) : IPublicSearch
{
    private readonly NameWindowFrequencies windows = new(database, clock);

    /// <summary>The listing is in force on the day bound to the parameter named (<see cref="Grains.Interfaces.Agencies.HoldPeriod"/>):
    /// published from its publication date through the last day of a fixed term, even before the expiry is recorded (Art. 2).</summary>
    internal static string InForceOn(string day) => $"(publication_date <= {day} AND (period_end IS NULL OR period_end >= {day}))";

    internal const string Columns = """
        listing_id, name, is_entity, sex, birth_date, masked_id, legal_representative, court_code, court_name, province,
        case_number, basis_issuer, basis_number, obligation, performance_status, behaviours, filing_date, publication_date, document_type
        """;

    public async Task<PublicSearchPage> SearchAsync(PublicSearchQuery query, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand();
        var where = new StringBuilder(InForceOn("@today"));
        command.Parameters.AddWithValue("today", clock.Today());
        Filter(command, where, "id_number = @id", "id", query.IdNumber);
        Filter(command, where, "case_number = @case", "case", query.CaseNumber);
        Filter(command, where, "court_code = @court", "court", query.Court);
        Filter(command, where, "court_code LIKE @region", "region", query.Region is null ? null : $"{query.Region}%");
        if (query.Kind is { } kind)
            Filter(command, where, "is_entity = @entity", "entity", kind == SubjectKind.Entity);

        // Relevance tiers, best first: the exact name, names starting with it, names containing it.
        string[] tiers = ["TRUE"];
        if (query.Name is { } name)
        {
            // Names are compared by their keys (NameSearchKey; the stored names' from the index expressions of 0790).
            var key = NameSearchKey.Of(name);
            var pattern = key.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
            command.Parameters.AddWithValue("name", key);
            command.Parameters.AddWithValue("prefix", $"{pattern}%");
            command.Parameters.AddWithValue("contains", $"%{pattern}%");
            command.Parameters.AddWithValue("bigrams", await windows.RarestAsync(NameBigrams.Of(key), 2, cancellationToken));
            tiers =
            [
                "name_search_key(name) = @name",
                "name_search_key(name) LIKE @prefix AND name_search_key(name) <> @name",
                // The query's (rarest) windows must be windows of the key past its first character
                // (0201_public_search_name_index.sql); LIKE then checks the whole key.
                "name_inner_bigrams(name_search_key(name)) @> @bigrams AND name_search_key(name) LIKE @contains AND name_search_key(name) NOT LIKE @prefix",
            ];
        }
        if (query.After is { } cursor)
        {
            command.Parameters.AddWithValue("afterDate", cursor.PublicationDate);
            command.Parameters.AddWithValue("afterId", cursor.ListingId);
        }
        command.Parameters.AddWithValue("limit", query.Limit + 1);

        // The tiers still to read, each in publication order; a cursor resumes inside its own tier.
        var remaining = new List<(int Rank, string Condition)>();
        for (var rank = query.After?.Rank ?? 0; rank < tiers.Length; rank++)
            remaining.Add((rank, query.After?.Rank == rank ? $"{tiers[rank]} AND (@afterDate, listing_id) > (publication_date, @afterId)" : tiers[rank]));
        if (remaining.Count == 0)
            return new PublicSearchPage([], null);
        if (remaining.Count == 1)
        {
            command.CommandText = $"""
                SELECT {Columns}, {remaining[0].Rank} AS rank FROM public_listings
                WHERE {where} AND {remaining[0].Condition}
                ORDER BY publication_date DESC, listing_id LIMIT @limit
                """;
        }
        else
        {
            // Each tier takes only the rows the tiers before it left over, and a LIMIT of 0 does not run
            // its scan at all: a common name such as 王伟 fills the page from the exact tier of the name
            // index instead of reading and sorting the thousands of rows that merely contain it. The
            // tiers return listing ids only (index-only scans); the page's rows are read at the end.
            var ctes = remaining.Select((tier, i) => $"""
                tier{i} AS (
                    SELECT listing_id, {tier.Rank} AS rank, publication_date AS published FROM public_listings
                    WHERE {where} AND {tier.Condition}
                    ORDER BY publication_date DESC, listing_id
                    LIMIT @limit{string.Concat(Enumerable.Range(0, i).Select(before => $" - (SELECT count(*) FROM tier{before})"))})
                """);
            command.CommandText = $"""
                WITH {string.Join(",\n", ctes)},
                page AS ({string.Join(" UNION ALL ", remaining.Select((_, i) => $"SELECT * FROM tier{i}"))})
                SELECT {Columns}, page.rank FROM page JOIN public_listings USING (listing_id)
                ORDER BY page.rank, page.published DESC, listing_id
                """;
        }

        var items = new List<PublicListing>();
        var ranks = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
            ranks.Add(reader.GetInt32(reader.GetOrdinal("rank")));
        }
        if (items.Count <= query.Limit)
            return new PublicSearchPage(items, null);
        var last = query.Limit - 1;
        return new PublicSearchPage(items[..query.Limit],
            SearchCursorCodec.Encode(new SearchCursor(ranks[last], items[last].PublicationDate, items[last].ListingId)));
    }

    public async Task<PublicListing?> FindAsync(Guid listingId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            $"SELECT {Columns} FROM public_listings WHERE listing_id = $1 AND {InForceOn("$2")}");
        command.Parameters.Add(new NpgsqlParameter { Value = listingId });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.Today() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static void Filter(NpgsqlCommand command, StringBuilder where, string condition, string parameter, object? value)
    {
        if (value is null)
            return;
        where.Append(" AND ").Append(condition);
        command.Parameters.AddWithValue(parameter, value);
    }

    private PublicListing Read(NpgsqlDataReader reader) => Read(reader, clock.Today());

    /// <summary>The listing in <see cref="Columns"/>, its subject's age on <paramref name="today"/>.</summary>
    internal static PublicListing Read(NpgsqlDataReader reader, DateOnly today)
    {
        var birth = reader.IsDBNull(4) ? (DateOnly?)null : reader.GetFieldValue<DateOnly>(4);
        return new PublicListing(
            reader.GetGuid(0), reader.GetString(1), reader.GetBoolean(2), Enum.TryParse<DocumentType>(reader.GetString(18), out var type) ? type : reader.GetBoolean(2) ? DocumentType.CreditCode : DocumentType.ResidentId,
            reader.IsDBNull(3) ? null : Enum.Parse<Sex>(reader.GetString(3)),
            birth?.YearsUntil(today),
            reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9),
            reader.GetString(10), reader.GetString(11), reader.GetString(12), reader.GetString(13), reader.GetString(14), reader.GetString(15),
            reader.GetFieldValue<DateOnly>(16), reader.GetFieldValue<DateOnly>(17));
    }
}
