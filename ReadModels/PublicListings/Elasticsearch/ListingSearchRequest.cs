using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;

namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>Turns a validated <see cref="PublicSearchQuery"/> into an Elasticsearch search that answers as
/// the PostgreSQL engine does: the same matches, the same order, the same cursor.
/// <para>Rank (lower first, as in <see cref="PostgresPublicSearch"/>): 0 the whole name, 1 a name starting
/// with the query, 2 a name containing it; 0 for every hit of a search without a name. Every criterion is a
/// filter, which decides what matches and scores nothing; the only scoring clauses are two constant-score
/// clauses worth 1 each, "the name starts with the query" and "the name is the query". A hit's score is
/// thus a whole number, 2 − rank, and sorting by score descending is sorting by rank ascending. Then
/// publication date, newest first, then listing id. The cursor's rank converts back to the score for
/// <c>search_after</c>; because scores take only these values (BM25 scores would be fractional, and shift
/// as documents are indexed), a cursor stays exact from one page to the next.</para></summary>
public static class ListingSearchRequest
{
    private const int LowestRank = 2;

    public static SearchRequest For(string index, PublicSearchQuery query, DateOnly today)
    {
        List<Query> filters =
        [
            new TermQuery(ListingFields.Status, ListingFields.Active),
            // In force on the day (HoldPeriod, the PostgreSQL engine's rule too): published from its publication date, and a
            // fixed-term listing no longer after its last day, even in the hours before the expiry reminder removes it (Art. 2).
            new DateRangeQuery(ListingFields.PublicationDate) { Lte = Date(today), Format = "strict_date" },
            new BoolQuery
            {
                Should =
                [
                    new BoolQuery { MustNot = [new ExistsQuery(ListingFields.PeriodEnd)] },
                    new DateRangeQuery(ListingFields.PeriodEnd) { Gte = Date(today), Format = "strict_date" },
                ],
                MinimumShouldMatch = 1,
            },
        ];
        List<Query> scoring = [];
        if (query.Name is { } name)
        {
            // All 2–4 character grams of the query must be in the name: for up to 4 characters, exactly
            // "the name contains the query" (see ListingIndexDefinition).
            filters.Add(new MatchQuery(ListingFields.Name, name) { Operator = Operator.And });
            scoring.Add(new ConstantScoreQuery(new PrefixQuery(ListingFields.NameExact, name)) { Boost = 1 });
            scoring.Add(new ConstantScoreQuery(new TermQuery(ListingFields.NameExact, name)) { Boost = 1 });
        }
        if (query.IdNumber is { } idNumber)
            filters.Add(new TermQuery(ListingFields.IdNumber, idNumber));
        if (query.CaseNumber is { } caseNumber)
            filters.Add(new TermQuery(ListingFields.CaseNumber, caseNumber));
        if (query.Court is { } court)
            filters.Add(new TermQuery(ListingFields.CourtCode, court));
        if (query.Region is { } region)
            filters.Add(new PrefixQuery(ListingFields.CourtCode, region));
        if (query.Kind is { } kind)
            filters.Add(new TermQuery(ListingFields.IsEntity, kind == SubjectKind.Entity));

        return new SearchRequest(index)
        {
            Query = new BoolQuery { Filter = filters, Should = scoring },
            Sort =
            [
                new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } },
                new SortOptions { Field = new FieldSort(ListingFields.PublicationDate) { Order = SortOrder.Desc } },
                new SortOptions { Field = new FieldSort(ListingFields.ListingId) { Order = SortOrder.Asc } },
            ],
            SearchAfter = query.After is { } after ? SearchAfter(after, hasName: query.Name is not null) : null,
            // One more than asked: tells whether a next page exists without counting.
            Size = query.Limit + 1,
            TrackTotalHits = new TrackHits(false),
            // The mapping already keeps the full ID out of _source; this says so again at the point of reading.
            Source = new SourceConfig(new SourceFilter { Excludes = ListingFields.IdNumber }),
        };
    }

    /// <summary>The sort values of the hit the cursor names: score, publication date as epoch milliseconds
    /// (how Elasticsearch sorts a date), listing id.</summary>
    public static ICollection<FieldValue> SearchAfter(SearchCursor cursor, bool hasName) =>
    [
        FieldValue.Double(hasName ? LowestRank - cursor.Rank : 0),
        FieldValue.Long(EpochMilliseconds(cursor.PublicationDate)),
        FieldValue.String(cursor.ListingId.ToString()),
    ];

    /// <summary>The cursor after <paramref name="hit"/>.</summary>
    public static SearchCursor CursorAfter(Hit<ListingDocument> hit, bool hasName) => new(
        hasName ? LowestRank - (int)Math.Round(hit.Score ?? 0) : 0,
        hit.Source!.PublicationDate!.Value,
        hit.Source.ListingId);

    public static long EpochMilliseconds(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
