using System.Globalization;
using Credit.Grains.Interfaces.Text;
using Elastic.Clients.Elasticsearch.Analysis;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;

namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>The concrete index behind the alias: its analysis and explicit, strict mappings.</summary>
public static class ListingIndexDefinition
{
    public const string NameAnalyzer = "name_ngram";
    public const string NameNormalizer = "name_exact";
    public const string NameSeparators = "name_separators";

    /// <summary>A new concrete index name for the alias, sortable by creation time: <c>{alias}-20250601-101502123</c>.</summary>
    public static string ConcreteName(string alias, DateTimeOffset at) =>
        $"{alias}-{at.UtcDateTime.ToString("yyyyMMdd-HHmmssfff", CultureInfo.InvariantCulture)}";

    public static CreateIndexRequest Create(string indexName, ElasticsearchOptions options) => new(indexName)
    {
        Settings = Settings(options),
        Mappings = Mappings(),
    };

    /// <summary>Chinese names are 2–4 characters (entity names longer) and have no spaces to split on, so the
    /// name is cut into every 2- to 4-character window. The same analyser runs on the query and all its grams
    /// must match: a query of up to 4 characters is then itself one gram, and matches exactly the names that
    /// contain it; a longer one matches names containing all its 4-character windows. Queries are at least
    /// 2 characters, so 1-grams would only bloat the index. What <see cref="NameSearchKey"/> leaves out of a name for
    /// PostgreSQL (spaces, middle dots of any kind, hyphens, apostrophes, brackets) is taken out before the name is cut,
    /// so 买买提·艾力, 买买提・艾力 and 买买提艾力 are one name here too; full-width Latin letters and digits are folded to
    /// half-width and lower case, on both sides. (Without the ICU plugin there is no NFKC: a CJK compatibility ideograph
    /// is not folded into its unified one as PostgreSQL folds it.)</summary>
    private static IndexSettings Settings(ElasticsearchOptions options)
    {
        var settings = new IndexSettings
        {
            // min_gram 2 and max_gram 4 differ by 2; Elasticsearch refuses more than 1 unless told.
            MaxNgramDiff = 2,
            Analysis = new IndexSettingsAnalysis
            {
                CharFilters = new CharFilters
                {
                    [NameSeparators] = new MappingCharFilter
                    {
                        Mappings = [.. NameSearchKey.Ignored.Select(c => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}=>"))],
                    },
                },
                Tokenizers = new Tokenizers
                {
                    [NameAnalyzer] = new NGramTokenizer { MinGram = 2, MaxGram = 4, TokenChars = [TokenChar.Letter, TokenChar.Digit] },
                },
                Analyzers = new Analyzers
                {
                    [NameAnalyzer] = new CustomAnalyzer { CharFilter = [NameSeparators], Tokenizer = NameAnalyzer, Filter = ["cjk_width", "lowercase"] },
                },
                Normalizers = new Normalizers
                {
                    [NameNormalizer] = new CustomNormalizer { CharFilter = [NameSeparators], Filter = ["cjk_width", "lowercase"] },
                },
            },
        };
        if (options.NumberOfShards is { } shards)
            settings.NumberOfShards = shards;
        if (options.NumberOfReplicas is { } replicas)
            settings.NumberOfReplicas = replicas;
        return settings;
    }

    private static TypeMapping Mappings() => new()
    {
        // Every field is declared here; a document with any other field is refused rather than guessed at.
        Dynamic = DynamicMapping.Strict,
        // The full resident ID is searchable but never stored: no search or get can return it, whatever it asks for.
        Source = new SourceField { Excludes = [ListingFields.IdNumber] },
        Properties = new Properties
        {
            [ListingFields.ListingId] = new KeywordProperty(),
            [ListingFields.SubjectKey] = new KeywordProperty(),
            [ListingFields.SubjectVersion] = new LongNumberProperty(),
            [ListingFields.Status] = new KeywordProperty(),
            [ListingFields.IsEntity] = new BooleanProperty(),
            [ListingFields.DocumentType] = new KeywordProperty(),
            // No doc values either, so not even docvalue_fields can read it back.
            [ListingFields.IdNumber] = new KeywordProperty { DocValues = false },
            [ListingFields.MaskedId] = Shown(),
            [ListingFields.Name] = new TextProperty
            {
                Analyzer = NameAnalyzer,
                Fields = new Properties { ["exact"] = new KeywordProperty { Normalizer = NameNormalizer } },
            },
            [ListingFields.Sex] = new KeywordProperty(),
            [ListingFields.BirthDate] = Date(),
            [ListingFields.LegalRepresentative] = Shown(),
            [ListingFields.CourtCode] = new KeywordProperty(),
            [ListingFields.CourtName] = new KeywordProperty(),
            [ListingFields.Province] = new KeywordProperty(),
            [ListingFields.CaseNumber] = new KeywordProperty(),
            [ListingFields.BasisIssuer] = Shown(),
            [ListingFields.BasisNumber] = new KeywordProperty(),
            [ListingFields.Obligation] = Shown(),
            [ListingFields.PerformanceStatus] = new KeywordProperty(),
            [ListingFields.Behaviours] = Shown(),
            [ListingFields.FilingDate] = Date(),
            [ListingFields.PublicationDate] = Date(),
            [ListingFields.PeriodEnd] = Date(),
        },
    };

    private static DateProperty Date() => new() { Format = "strict_date" };

    /// <summary>Published but never searched: kept in <c>_source</c> only.</summary>
    private static TextProperty Shown() => new() { Index = false };
}
