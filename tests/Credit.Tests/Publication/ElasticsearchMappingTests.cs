using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Text;
using Credit.ReadModels.PublicListings;
using Credit.ReadModels.PublicListings.Elasticsearch;
using Microsoft.Extensions.Time.Testing;

namespace Credit.Tests.Publication;

/// <summary>How a listing document becomes what the public sees (Art. 6, §5.5), and the index it lives in.
/// Runs everywhere: no cluster needed.</summary>
public sealed class ElasticsearchMappingTests
{
    private const string ResidentId = "11010519491231002X";

    private static PublicListingMapper MapperOn(string instant) =>
        new(new FakeTimeProvider(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    public static ListingDocument Person(Guid? id = null, DateOnly? birth = null) => new()
    {
        ListingId = id ?? Guid.NewGuid(),
        SubjectKey = $"p:{ResidentId}",
        SubjectVersion = 3,
        IsEntity = false,
        DocumentType = nameof(DocumentType.ResidentId),
        IdNumber = ResidentId,
        MaskedId = "1101051949****002X",
        Name = "王五",
        Sex = nameof(Sex.Female),
        BirthDate = birth ?? new DateOnly(1949, 12, 31),
        CourtCode = "粤0103",
        CourtName = "广州市荔湾区人民法院",
        Province = "广东省",
        CaseNumber = "(2025)粤0103执100号",
        BasisIssuer = "广州市荔湾区人民法院",
        BasisNumber = "(2024)粤0103民初1号",
        Obligation = "支付欠款5000元",
        PerformanceStatus = "NotPerformed",
        Behaviours = "有履行能力而拒不履行",
        FilingDate = new DateOnly(2025, 2, 10),
        PublicationDate = new DateOnly(2025, 3, 1),
    };

    [Fact]
    public void A_person_is_published_with_masked_id_sex_and_age_never_the_full_id_Art6()
    {
        var listing = MapperOn("2025-06-16T02:00:00Z").ToPublic(Person())!;

        Assert.Equal("1101051949****002X", listing.MaskedId);
        Assert.Equal(Sex.Female, listing.Sex);
        Assert.Equal(75, listing.Age);
        Assert.Equal("广州市荔湾区人民法院", listing.CourtName);
        Assert.Equal("有履行能力而拒不履行", listing.DishonestBehaviour);
        Assert.DoesNotContain(ResidentId, JsonSerializer.Serialize(listing));
    }

    [Theory]
    [InlineData("2025-05-31T15:59:59Z", 34)] // 23:59:59 on 31 May in Beijing
    [InlineData("2025-05-31T16:00:00Z", 35)] // midnight in Beijing: the birthday has begun there
    public void Age_counts_whole_years_on_todays_date_in_China(string now, int age)
    {
        var listing = MapperOn(now).ToPublic(Person(birth: new DateOnly(1990, 6, 1)))!;

        Assert.Equal(age, listing.Age);
    }

    [Fact]
    public void An_entity_has_no_age_and_shows_its_legal_representative()
    {
        var entity = Person() with
        {
            IsEntity = true,
            DocumentType = nameof(DocumentType.CreditCode),
            Sex = null,
            BirthDate = null,
            MaskedId = "91440101MA5CXXXX0X",
            Name = "广州某某贸易有限公司",
            LegalRepresentative = "李四",
        };

        var listing = MapperOn("2025-06-16T02:00:00Z").ToPublic(entity)!;

        Assert.True(listing.IsEntity);
        Assert.Null(listing.Age);
        Assert.Null(listing.Sex);
        Assert.Equal("李四", listing.LegalRepresentative);
    }

    [Theory]
    [InlineData("2025-06-30", true)]  // its last day, in China
    [InlineData("2025-06-29", false)]
    public void A_fixed_term_listing_is_published_up_to_its_last_day_Art2(string periodEnd, bool published)
    {
        var listing = Person() with { PeriodEnd = DateOnly.Parse(periodEnd, System.Globalization.CultureInfo.InvariantCulture) };

        // 2025-06-29T16:30Z is 00:30 on 30 June in Beijing.
        Assert.Equal(published, MapperOn("2025-06-29T16:30:00Z").ToPublic(listing) is not null);
    }

    [Fact]
    public void A_removed_listing_is_never_published_Art10() =>
        Assert.Null(MapperOn("2025-06-16T02:00:00Z").ToPublic(ListingDocument.Tombstone(Guid.NewGuid(), "p:x", 9)));

    [Fact]
    public void The_index_cuts_names_into_2_to_4_character_grams_and_keeps_an_exact_keyword()
    {
        var cluster = new ElasticsearchFakeCluster(_ => (200, "{}"));
        var body = JsonNode.Parse(cluster.Serialize(ListingIndexDefinition.Create("credit-public-listings-1", ElasticsearchFakeCluster.Options())))!;

        var tokenizer = body["settings"]!["analysis"]!["tokenizer"]![ListingIndexDefinition.NameAnalyzer]!;
        Assert.Equal("ngram", (string)tokenizer["type"]!);
        Assert.Equal(2, (int)tokenizer["min_gram"]!);
        Assert.Equal(4, (int)tokenizer["max_gram"]!);
        Assert.Equal(2, (int)body["settings"]!["max_ngram_diff"]!);
        var name = body["mappings"]!["properties"]!["name"]!;
        Assert.Equal(ListingIndexDefinition.NameAnalyzer, (string)name["analyzer"]!);
        Assert.Equal("keyword", (string)name["fields"]!["exact"]!["type"]!);
    }

    [Fact]
    public void The_index_leaves_out_of_names_what_the_postgresql_search_key_leaves_out()
    {
        var cluster = new ElasticsearchFakeCluster(_ => (200, "{}"));
        var analysis = JsonNode.Parse(cluster.Serialize(ListingIndexDefinition.Create("credit-public-listings-1", ElasticsearchFakeCluster.Options())))!["settings"]!["analysis"]!;

        var mappings = analysis["char_filter"]![ListingIndexDefinition.NameSeparators]!["mappings"]!.AsArray().Select(m => (string)m!).ToList();
        Assert.Equal(NameSearchKey.Ignored.Length, mappings.Count);
        Assert.Contains("\\u00B7=>", mappings);
        Assert.Contains("\\u30FB=>", mappings);
        Assert.Contains("\\u3000=>", mappings);
        Assert.Equal([ListingIndexDefinition.NameSeparators], Names(analysis["analyzer"]![ListingIndexDefinition.NameAnalyzer]!["char_filter"]!));
        Assert.Equal([ListingIndexDefinition.NameSeparators], Names(analysis["normalizer"]![ListingIndexDefinition.NameNormalizer]!["char_filter"]!));
    }

    // The client writes a list of one as the one value.
    private static IEnumerable<string> Names(JsonNode node) => node is JsonArray list ? list.Select(n => (string)n!) : [(string)node!];

    [Fact]
    public void The_index_is_strict_and_never_stores_the_full_id_number()
    {
        var cluster = new ElasticsearchFakeCluster(_ => (200, "{}"));
        var mappings = JsonNode.Parse(cluster.Serialize(ListingIndexDefinition.Create("credit-public-listings-1", ElasticsearchFakeCluster.Options())))!["mappings"]!;

        Assert.Equal("strict", (string)mappings["dynamic"]!);
        Assert.Equal(["id_number"], mappings["_source"]!["excludes"]!.AsArray().Select(n => (string)n!));
        Assert.False((bool)mappings["properties"]!["id_number"]!["doc_values"]!);
        Assert.Equal("long", (string)mappings["properties"]!["subject_version"]!["type"]!);
        foreach (var keyword in new[] { "listing_id", "status", "court_code", "case_number", "id_number", "subject_key" })
            Assert.Equal("keyword", (string)mappings["properties"]![keyword]!["type"]!);
        foreach (var date in new[] { "birth_date", "filing_date", "publication_date" })
            Assert.Equal("date", (string)mappings["properties"]![date]!["type"]!);
    }

    [Fact]
    public void Every_document_field_is_mapped()
    {
        var cluster = new ElasticsearchFakeCluster(_ => (200, "{}"));
        var mapped = JsonNode.Parse(cluster.Serialize(ListingIndexDefinition.Create("i", ElasticsearchFakeCluster.Options())))!["mappings"]!["properties"]!
            .AsObject().Select(p => p.Key).Order();
        var written = JsonNode.Parse(JsonSerializer.Serialize(Person()))!.AsObject().Select(p => p.Key).Order();

        // Dynamic mapping is strict: a field written but not mapped would make every write fail.
        Assert.Equal(written, mapped);
    }

    [Fact]
    public void A_rebuild_names_its_index_after_the_alias_and_the_time()
    {
        var name = ListingIndexDefinition.ConcreteName("credit-public-listings", new DateTimeOffset(2025, 6, 1, 10, 15, 2, 123, TimeSpan.FromHours(8)));

        Assert.Equal("credit-public-listings-20250601-021502123", name);
    }

    [Theory]
    [InlineData("", "http://localhost:9200", "IndexAlias")]
    [InlineData("Credit", "http://localhost:9200", "IndexAlias")]
    [InlineData("credit public", "http://localhost:9200", "IndexAlias")]
    [InlineData("credit-public-listings", "localhost:9200", "Url")]
    public void Options_that_cannot_work_are_refused_at_start(string alias, string url, string field)
    {
        var options = new ElasticsearchOptions { IndexAlias = alias, Url = url };

        Assert.Contains(options.Problems(), p => p.Contains(field, StringComparison.Ordinal));
        Assert.Empty(new ElasticsearchOptions { Url = "https://search.internal:9200" }.Problems());
        Assert.NotEmpty(new ElasticsearchOptions { Url = "https://search.internal:9200", Username = "credit" }.Problems());
    }
}
