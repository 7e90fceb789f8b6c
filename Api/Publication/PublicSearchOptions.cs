namespace Credit.Api.Publication;

/// <summary>Which engine answers the public search and how often one client may search (section
/// <c>Credit:Search</c>), checked by <see cref="PublicSearchOptionsValidator"/>.</summary>
public sealed class PublicSearchOptions
{
    public const string Section = "Credit:Search";
    public const string PostgreSql = "PostgreSql";
    public const string Elasticsearch = "Elasticsearch";

    /// <summary><c>PostgreSql</c> (one machine, the default) or <c>Elasticsearch</c>, in any case.</summary>
    public string Engine { get; set; } = PostgreSql;

    /// <summary>Public searches one client (IP address) may make per minute.</summary>
    public int RequestsPerMinute { get; set; } = 120;

    public bool UsesElasticsearch => Engine.Equals(Elasticsearch, StringComparison.OrdinalIgnoreCase);
}
