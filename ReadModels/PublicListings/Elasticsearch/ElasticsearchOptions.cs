namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>Where the Elasticsearch engine finds its cluster and how it follows the change log
/// (section <c>Credit:Search:Elasticsearch</c>).</summary>
public sealed class ElasticsearchOptions
{
    public const string Section = "Credit:Search:Elasticsearch";

    /// <summary>The cluster, e.g. <c>https://search.internal:9200</c>.</summary>
    public string Url { get; set; } = "";

    /// <summary>The alias searches and writes go through; it points at one concrete index
    /// (<c>{alias}-{timestamp}</c>), which a rebuild replaces without downtime.</summary>
    public string IndexAlias { get; set; } = "credit-public-listings";

    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>An encoded API key (the <c>encoded</c> value Elasticsearch returns); instead of a username and password.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The SHA-256 fingerprint of the cluster's CA certificate, for clusters with a self-signed one.</summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>Change-log positions indexed per bulk request; the checkpoint advances once per batch.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Documents per bulk request when a rebuild loads every public listing.</summary>
    public int RebuildChunkSize { get; set; } = 1000;

    /// <summary>How long the indexer waits when the change log has nothing new.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first wait after a failed batch; it doubles on each further failure, up to a minute.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Shards and replicas of a new concrete index; null leaves the cluster's defaults.</summary>
    public int? NumberOfShards { get; set; }
    public int? NumberOfReplicas { get; set; }

    /// <summary>Every rule the options must meet, as messages; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            problems.Add($"{Section}:Url must be an absolute http or https URL");
        if (!IsIndexName(IndexAlias))
            problems.Add($"{Section}:IndexAlias must be a valid lower-case index name (no spaces, no \\ / * ? \" < > | , # :, not starting with - _ +)");
        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
            problems.Add($"{Section}:Username and Password go together");
        if (!string.IsNullOrEmpty(ApiKey) && !string.IsNullOrEmpty(Username))
            problems.Add($"{Section}: give either ApiKey or Username and Password, not both");
        if (BatchSize is < 1 or > 10_000)
            problems.Add($"{Section}:BatchSize must be 1 to 10000");
        if (RebuildChunkSize is < 1 or > 10_000)
            problems.Add($"{Section}:RebuildChunkSize must be 1 to 10000");
        if (PollInterval <= TimeSpan.Zero || RetryDelay <= TimeSpan.Zero)
            problems.Add($"{Section}:PollInterval and RetryDelay must be positive");
        if (NumberOfShards is < 1 || NumberOfReplicas is < 0)
            problems.Add($"{Section}:NumberOfShards must be at least 1 and NumberOfReplicas at least 0");
        return problems;
    }

    // Elasticsearch's rules for index and alias names; the timestamp suffix a rebuild adds keeps them valid.
    private static bool IsIndexName(string? name) =>
        !string.IsNullOrWhiteSpace(name)
        && name.Length <= 200
        && name == name.ToLowerInvariant()
        && name is not ("." or "..")
        && !name.StartsWith('-') && !name.StartsWith('_') && !name.StartsWith('+')
        && name.IndexOfAny([' ', '\\', '/', '*', '?', '"', '<', '>', '|', ',', '#', ':']) < 0;
}
