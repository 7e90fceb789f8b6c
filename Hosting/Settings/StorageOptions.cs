namespace Credit.Hosting.Settings;

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
