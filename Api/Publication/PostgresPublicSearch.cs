using System.Text;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Rules;
using Credit.Silo.Publication;
using Npgsql;

namespace Credit.Api.Publication;

/// <summary>Public search over the PostgreSQL read model, the embedded default. Partial names use the
/// GIN index over two-character windows; IDs and case numbers use B-tree indexes.</summary>
public sealed class PostgresPublicSearch(NpgsqlDataSource database, TimeProvider clock) : IPublicSearch
{
    private const string Columns = """
        listing_id, name, is_entity, sex, birth_date, masked_id, legal_representative, court_code, court_name, province,
        case_number, basis_issuer, basis_number, obligation, performance_status, behaviours, filing_date, publication_date
        """;

    public async Task<PublicSearchPage> SearchAsync(PublicSearchQuery query, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand();
        var where = new StringBuilder("(period_end IS NULL OR period_end >= @today)");
        command.Parameters.AddWithValue("today", clock.Today());
        var rank = "0";
        if (query.Name is { } name)
        {
            // Every window of the query must be a window of the name; LIKE then checks the order.
            where.Append(" AND name_bigrams @> @bigrams AND name LIKE @contains");
            command.Parameters.AddWithValue("bigrams", NameBigrams.Of(name));
            command.Parameters.AddWithValue("contains", $"%{name}%");
            command.Parameters.AddWithValue("name", name);
            command.Parameters.AddWithValue("prefix", $"{name}%");
            rank = "CASE WHEN name = @name THEN 0 WHEN name LIKE @prefix THEN 1 ELSE 2 END";
        }
        Filter(command, where, "id_number = @id", "id", query.IdNumber);
        Filter(command, where, "case_number = @case", "case", query.CaseNumber);
        Filter(command, where, "court_code = @court", "court", query.Court);
        Filter(command, where, "court_code LIKE @region", "region", query.Region is null ? null : $"{query.Region}%");
        if (query.Kind is { } kind)
            Filter(command, where, "is_entity = @entity", "entity", kind == SubjectKind.Entity);
        var after = "";
        if (query.After is { } cursor)
        {
            after = "WHERE (rank, @afterDate, listing_id) > (@afterRank, publication_date, @afterId)";
            command.Parameters.AddWithValue("afterRank", cursor.Rank);
            command.Parameters.AddWithValue("afterDate", cursor.PublicationDate);
            command.Parameters.AddWithValue("afterId", cursor.ListingId);
        }
        command.Parameters.AddWithValue("limit", query.Limit + 1);
        command.CommandText = $"""
            SELECT * FROM (SELECT {Columns}, {rank} AS rank FROM public_listings WHERE {where}) found
            {after}
            ORDER BY rank, publication_date DESC, listing_id
            LIMIT @limit
            """;

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
            $"SELECT {Columns} FROM public_listings WHERE listing_id = $1 AND (period_end IS NULL OR period_end >= $2)");
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

    private PublicListing Read(NpgsqlDataReader reader)
    {
        var birth = reader.IsDBNull(4) ? (DateOnly?)null : reader.GetFieldValue<DateOnly>(4);
        return new PublicListing(
            reader.GetGuid(0), reader.GetString(1), reader.GetBoolean(2),
            reader.IsDBNull(3) ? null : Enum.Parse<Sex>(reader.GetString(3)),
            birth?.YearsUntil(clock.Today()),
            reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9),
            reader.GetString(10), reader.GetString(11), reader.GetString(12), reader.GetString(13), reader.GetString(14), reader.GetString(15),
            reader.GetFieldValue<DateOnly>(16), reader.GetFieldValue<DateOnly>(17));
    }
}
