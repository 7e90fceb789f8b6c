namespace Credit.Api.Hosting;

/// <summary>Where the platform keeps its data and how it joins the Orleans cluster.</summary>
public sealed class StorageOptions
{
    public const string Section = "Credit:Storage";

    /// <summary>A PostgreSQL connection string. Empty: start the embedded PostgreSQL in <see cref="EmbeddedDataFolder"/>.</summary>
    public string? ConnectionString { get; set; }

    public string EmbeddedDataFolder { get; set; } = Path.Combine(".data", "postgres");

    public string EmbeddedDatabase { get; set; } = "credit";

    /// <summary>Seeds the documented demo API keys (the embedded default does so unless told otherwise).</summary>
    public bool? SeedDemoKeys { get; set; }
}

public sealed class ClusterHostingOptions
{
    public const string Section = "Credit:Cluster";

    /// <summary>Run the Orleans silo inside the API process (one machine), or only a client of a separate silo (k8s).</summary>
    public bool CoHostSilo { get; set; } = true;
    public string ClusterId { get; set; } = "credit";
    public string ServiceId { get; set; } = "credit";
    /// <summary>0 picks a free port, so that several platforms (tests) can run on one machine.</summary>
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
}
