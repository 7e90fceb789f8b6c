using System.Text.Json.Nodes;
using Credit.ReadModels.PublicListings;
using Credit.ReadModels.PublicListings.Elasticsearch;

namespace Credit.Tests.Publication;

/// <summary>What the Elasticsearch engine asks for a public search (§5.5), checked on the request the real
/// client would send. Runs everywhere: no cluster needed.</summary>
public sealed class ElasticsearchQueryTests
{
    private const string Alias = "credit-public-listings";
    private readonly ElasticsearchFakeCluster cluster = new(_ => (200, "{}"));

    private static readonly DateOnly Today = new(2025, 6, 16);

    private JsonNode Body(PublicSearchQuery query) => JsonNode.Parse(cluster.Serialize(ListingSearchRequest.For(Alias, query, Today)))!;

    private static PublicSearchQuery Query(string? name = null, string? id = null, string? caseNumber = null, string? court = null,
        string? region = null, SubjectKind? kind = null, int limit = 20, SearchCursor? after = null) =>
        new(name, id, caseNumber, court, region, kind, limit, after);

    /// <summary>The client writes a one-clause list as the clause itself (Elasticsearch reads both).</summary>
    private static IReadOnlyList<JsonNode> Clauses(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => [.. array.Select(n => n!)],
        _ => [node],
    };

    private static IReadOnlyList<JsonNode> Filters(JsonNode body) => Clauses(body["query"]!["bool"]!["filter"]);

    private static IReadOnlyList<JsonNode> Should(JsonNode body) => Clauses(body["query"]!["bool"]!["should"]);

    private static bool Same(JsonNode? actual, string expected) => JsonNode.DeepEquals(actual, JsonNode.Parse(expected));

    [Fact]
    public void Only_active_listings_are_ever_searched()
    {
        var body = Body(Query(name: "张三"));

        Assert.Contains(Filters(body), f => Same(f, """{"term":{"status":{"value":"active"}}}"""));
    }

    [Fact]
    public void A_fixed_term_listing_past_its_last_day_is_not_searched_Art2()
    {
        var body = Body(Query(name: "张三"));

        Assert.Contains(Filters(body), f => Same(f, """
            {"bool":{"minimum_should_match":1,"should":[
                {"bool":{"must_not":{"exists":{"field":"period_end"}}}},
                {"range":{"period_end":{"format":"strict_date","gte":"2025-06-16"}}}]}}
            """));
    }

    [Fact]
    public void Name_must_contain_every_gram_of_the_query_and_a_name_starting_with_it_or_equal_to_it_scores_higher()
    {
        var body = Body(Query(name: "张三丰"));

        Assert.Contains(Filters(body), f => Same(f, """{"match":{"name":{"operator":"and","query":"张三丰"}}}"""));
        Assert.Equal(2, Should(body).Count);
        Assert.Contains(Should(body), s => Same(s, """{"constant_score":{"boost":1,"filter":{"prefix":{"name.exact":{"value":"张三丰"}}}}}"""));
        Assert.Contains(Should(body), s => Same(s, """{"constant_score":{"boost":1,"filter":{"term":{"name.exact":{"value":"张三丰"}}}}}"""));
    }

    [Fact]
    public void A_name_with_characters_outside_the_BMP_is_searched_as_written()
    {
        var body = Body(Query(name: "王\U00020BB7明"));

        Assert.Contains(Filters(body), f => Same(f, """{"match":{"name":{"operator":"and","query":"王\uD842\uDFB7明"}}}"""));
        Assert.Contains(Should(body), s => Same(s, """{"constant_score":{"boost":1,"filter":{"term":{"name.exact":{"value":"王𠮷明"}}}}}"""));
    }

    [Fact]
    public void Id_number_and_case_number_are_exact_terms_and_score_nothing()
    {
        var body = Body(Query(id: "11010519491231002X", caseNumber: "(2025)粤0103执100号"));

        Assert.Contains(Filters(body), f => Same(f, """{"term":{"id_number":{"value":"11010519491231002X"}}}"""));
        Assert.Contains(Filters(body), f => Same(f, """{"term":{"case_number":{"value":"(2025)粤0103执100号"}}}"""));
        Assert.Empty(Should(body));
    }

    [Fact]
    public void Court_is_exact_region_is_a_court_code_prefix_and_kind_is_person_or_entity()
    {
        var body = Body(Query(name: "广州", court: "粤0103", region: "粤01", kind: SubjectKind.Entity));

        Assert.Contains(Filters(body), f => Same(f, """{"term":{"court_code":{"value":"粤0103"}}}"""));
        Assert.Contains(Filters(body), f => Same(f, """{"prefix":{"court_code":{"value":"粤01"}}}"""));
        Assert.Contains(Filters(body), f => Same(f, """{"term":{"is_entity":{"value":true}}}"""));
        Assert.Contains(Filters(Body(Query(name: "张三", kind: SubjectKind.Person))), f => Same(f, """{"term":{"is_entity":{"value":false}}}"""));
    }

    [Fact]
    public void Results_are_ordered_by_rank_then_newest_publication_then_listing_id()
    {
        var body = Body(Query(name: "张三", limit: 20));

        Assert.True(Same(body["sort"], """[{"_score":{"order":"desc"}},{"publication_date":{"order":"desc"}},{"listing_id":{"order":"asc"}}]"""));
        Assert.Equal(21, (int)body["size"]!); // one more than asked tells whether there is a next page
        Assert.False((bool)body["track_total_hits"]!);
        Assert.Null(body["search_after"]);
    }

    [Fact]
    public void The_full_id_number_is_excluded_from_the_source_of_every_hit()
    {
        var body = Body(Query(id: "11010519491231002X"));

        Assert.Equal(["id_number"], Clauses(body["_source"]!["excludes"]).Select(n => (string)n!));
    }

    [Theory]
    [InlineData(0, 2)] // the whole name: both scoring clauses
    [InlineData(1, 1)] // a name starting with the query
    [InlineData(2, 0)] // a name containing it
    public void A_cursor_continues_after_its_rank_as_score_then_date_then_listing_id(int rank, int score)
    {
        var listing = Guid.Parse("0b6c2f0e-8d1e-4c39-9a55-5a0d3c1e2f70");
        var body = Body(Query(name: "张三", after: new SearchCursor(rank, new DateOnly(2025, 3, 1), listing)));

        // 2025-03-01T00:00Z in epoch milliseconds: how Elasticsearch sorts a date.
        Assert.True(Same(body["search_after"], $$"""[{{score}},1740787200000,"0b6c2f0e-8d1e-4c39-9a55-5a0d3c1e2f70"]"""), body["search_after"]!.ToJsonString());
    }

    [Fact]
    public void Without_a_name_every_hit_has_rank_and_score_zero()
    {
        var body = Body(Query(id: "11010519491231002X", after: new SearchCursor(0, new DateOnly(2025, 3, 1), Guid.Empty)));

        Assert.Equal(0, (int)body["search_after"]![0]!);
        Assert.Empty(Should(body));
    }
}
