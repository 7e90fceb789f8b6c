using System.Globalization;
using System.Runtime.InteropServices;
using Credit.Bench.Seeding;
using Credit.Grains.Interfaces.Text;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.PublicListings;
using Npgsql;
using NpgsqlTypes;

namespace Credit.Bench.Measuring;

/// <summary>Builds the searches to time from listings actually in the table, so every search finds
/// something; values are drawn at random from the rows, so common names come up as often as they
/// occur, as on the national site.</summary>
public sealed class SearchWorkload(NpgsqlDataSource database, IPublicSearch search, TimeProvider clock)
{
    private sealed record Sampled(string Name, string IdNumber, string CaseNumber, string Court, bool IsEntity);

    public async Task<IReadOnlyList<(Criterion Measured, Criterion WarmUp)>> BuildAsync(int queries, int warmUp, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var rows = await SampleAsync(Math.Max(2 * (queries + warmUp), 2000), seed, cancellationToken);
        var persons = rows.Where(r => !r.IsEntity).ToList();
        // A partial name is the start of a longer name: surname plus first given character (张伟 of 张伟明).
        var partial = persons.Where(r => r.Name.Length >= 3).ToList();

        var criteria = new List<(string Name, Func<Sampled, SearchRequest?> Make)>
        {
            ("exact name", r => new SearchRequest(Name: r.Name)),
            ("partial name (2 chars)", r => r.IsEntity || r.Name.Length < 3 ? null : new SearchRequest(Name: r.Name[..2])),
            ("ID number", r => new SearchRequest(IdNumber: r.IdNumber)),
            ("case number", r => new SearchRequest(CaseNumber: r.CaseNumber)),
            ("partial name + court", r => r.IsEntity || r.Name.Length < 3 ? null : new SearchRequest(Name: r.Name[..2], Court: r.Court)),
            ("partial name + kind", r => r.IsEntity
                ? ChineseNames.TradeName(r.Name) is { } trade ? new SearchRequest(Name: trade, Kind: SubjectKind.Entity) : null
                : r.Name.Length < 3 ? null : new SearchRequest(Name: r.Name[..2], Kind: SubjectKind.Person)),
        };
        var built = new List<(Criterion, Criterion)>();
        foreach (var (name, make) in criteria)
        {
            var requests = Shuffled(rows.Select(make).OfType<SearchRequest>(), random);
            built.Add((await WithMatchesAsync(new Criterion(name, Cycle(requests, queries)), cancellationToken),
                new Criterion(name, Cycle(Shuffled(requests, random), warmUp))));
        }
        var secondPages = await SecondPagesAsync(Shuffled(partial.Select(r => r.Name[..2]).Distinct(), random).Take(400), cancellationToken);
        built.Add((new Criterion("2nd page (cursor)", Cycle(secondPages, queries)), new Criterion("2nd page (cursor)", Cycle(Shuffled(secondPages, random), warmUp))));
        return built;
    }

    /// <summary>The second page of partial-name searches: the cursor is what the first page handed out.</summary>
    private async Task<List<SearchRequest>> SecondPagesAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var pages = new List<SearchRequest>();
        foreach (var name in names)
        {
            var first = await search.SearchAsync(new SearchRequest(Name: name).Validate(), cancellationToken);
            if (first.NextCursor is { } cursor)
                pages.Add(new SearchRequest(Name: name, Cursor: cursor));
        }
        return pages.Count > 0 ? pages : throw new InvalidOperationException("no partial name has a second page; seed more listings");
    }

    private async Task<List<Sampled>> SampleAsync(int wanted, int seed, CancellationToken cancellationToken)
    {
        await using var count = database.CreateCommand("SELECT reltuples::bigint FROM pg_class WHERE oid = 'public_listings'::regclass");
        var estimate = Math.Max(1L, (long)(await count.ExecuteScalarAsync(cancellationToken))!);
        var percent = Math.Min(100.0, 100.0 * wanted * 1.2 / estimate);
        await using var command = database.CreateCommand($"""
            SELECT name, id_number, case_number, court_code, is_entity
            FROM public_listings TABLESAMPLE BERNOULLI ({percent.ToString(CultureInfo.InvariantCulture)}) REPEATABLE ({seed})
            WHERE period_end IS NULL OR period_end >= $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = clock.Today() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<Sampled>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new Sampled(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetBoolean(4)));
        return rows.Count > 0 ? rows : throw new InvalidOperationException("public_listings holds no active listings to search for");
    }

    /// <summary>How many active listings each name search matches in all (the page shows 20 of them).</summary>
    private async Task<Criterion> WithMatchesAsync(Criterion criterion, CancellationToken cancellationToken)
    {
        var distinct = criterion.Requests.Where(r => r.Name is not null).Distinct().Take(200).ToList();
        if (distinct.Count == 0)
            return criterion;
        var counts = new List<long>();
        foreach (var request in distinct)
        {
            await using var command = database.CreateCommand("""
                SELECT count(*) FROM public_listings
                WHERE (period_end IS NULL OR period_end >= $1) AND (name_search_key(name) LIKE $6 OR name_inner_bigrams(name_search_key(name)) @> $2) AND name_search_key(name) LIKE $3
                  AND ($4::text IS NULL OR court_code = $4) AND ($5::boolean IS NULL OR is_entity = $5)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = clock.Today() });
            command.Parameters.Add(new NpgsqlParameter { Value = NameBigrams.Of(NameSearchKey.Of(request.Name!)) });
            command.Parameters.Add(new NpgsqlParameter { Value = $"%{NameSearchKey.Of(request.Name!)}%" });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)request.Court ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = request.Kind is { } kind ? kind == SubjectKind.Entity : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Boolean });
            command.Parameters.Add(new NpgsqlParameter { Value = $"{NameSearchKey.Of(request.Name!)}%" });
            counts.Add((long)(await command.ExecuteScalarAsync(cancellationToken))!);
        }
        counts.Sort();
        return criterion with { Matches = (counts[counts.Count / 2], counts[^1]) };
    }

    private static List<T> Shuffled<T>(IEnumerable<T> items, Random random)
    {
        var list = items.ToList();
        random.Shuffle(CollectionsMarshal.AsSpan(list));
        return list;
    }

    private static List<SearchRequest> Cycle(IReadOnlyList<SearchRequest> requests, int count) => requests.Count == 0
        ? throw new InvalidOperationException("the sample of listings gave no values for a criterion; seed more listings")
        : [.. Enumerable.Range(0, count).Select(i => requests[i % requests.Count])];
}
