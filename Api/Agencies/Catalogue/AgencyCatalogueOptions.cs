namespace Credit.Api.Agencies.Catalogue;

/// <summary>Where the measure catalogue and agency registry come from and how a change to the file is
/// picked up (section <c>Credit:Agencies</c>).</summary>
public sealed class AgencyCatalogueOptions
{
    public const string Section = "Credit:Agencies";

    /// <summary>The operator's catalogue file, absolute or relative to the working directory. Empty: the
    /// copy shipped next to the assemblies, which every build overwrites; an operator who edits the
    /// catalogue points this at a file of their own.</summary>
    public string? CatalogueFile { get; set; }

    /// <summary>How long the file must stay quiet after a change before it is read, so that a save made
    /// in several writes is read whole.</summary>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the file is also read and compared with the catalogue in force, for file systems
    /// that report no changes (network shares; Kubernetes ConfigMap volumes, which swap a symbolic link).
    /// Zero reads it only when the file system reports a change.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The absolute path of the file in use.</summary>
    public string FullPath => string.IsNullOrWhiteSpace(CatalogueFile)
        ? Path.Combine(AppContext.BaseDirectory, AgencyCatalogueSource.DefaultFile)
        : Path.GetFullPath(CatalogueFile);
}
