namespace Credit.Api.Partners.Catalogue;

/// <summary>Where the exposure partners come from and how a change to the file is picked up (section <c>Credit:Partners</c>).</summary>
public sealed class PartnerFileOptions
{
    public const string Section = "Credit:Partners";
    public const string DefaultFile = "Partners/Catalogue/partners.json";

    /// <summary>The partner file; empty: the copy shipped next to the assemblies, which every build overwrites.</summary>
    public string? PartnerFile { get; set; }

    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    public string FullPath => string.IsNullOrWhiteSpace(PartnerFile)
        ? Path.Combine(AppContext.BaseDirectory, DefaultFile)
        : Path.GetFullPath(PartnerFile);
}
