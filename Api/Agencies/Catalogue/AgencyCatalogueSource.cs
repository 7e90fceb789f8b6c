using Credit.Api.Configuration;
using Microsoft.Extensions.Primitives;

namespace Credit.Api.Agencies.Catalogue;

/// <summary>The catalogue in force, read and checked when the source is made. A source that follows its file
/// (<see cref="Follow"/>) puts a saved change in force as soon as it passes every check, with no rebuild or
/// restart; a change that fails a check is logged and ignored, and the previous catalogue stays in force
/// (<see cref="WatchedFile{T}"/>, as for every operator's data file). Readers take <see cref="Current"/> once per piece of
/// work, so each sees one whole catalogue.</summary>
public sealed class AgencyCatalogueSource : IDisposable
{
    public const string DefaultFile = "Agencies/Catalogue/catalogue.json";

    private readonly AgencyCatalogue? fixedCatalogue;
    private readonly WatchedFile<AgencyCatalogue>? followed;
    private readonly CancellationTokenSource never = new();

    /// <summary>Reads and checks the file once; the catalogue never changes.</summary>
    /// <exception cref="AgencyCatalogueException">The file cannot be read or breaks a rule.</exception>
    public AgencyCatalogueSource(string path)
    {
        FilePath = Path.GetFullPath(path);
        fixedCatalogue = AgencyCatalogueFile.Read(FilePath);
    }

    /// <summary>A fixed catalogue made in code.</summary>
    public AgencyCatalogueSource(AgencyCatalogue catalogue) => fixedCatalogue = catalogue;

    private AgencyCatalogueSource(AgencyCatalogueOptions options, ILogger logger, TimeProvider clock)
    {
        FilePath = options.FullPath;
        try
        {
            followed = new WatchedFile<AgencyCatalogue>(FilePath, Parse, new WatchPolicy(options.ReloadDelay, options.CheckInterval), logger, clock,
                noun: "catalogue", describe: c => $"{c.Categories.Count} categories, {c.Measures.Count} measures, {c.Agencies.Count} agencies");
        }
        catch (WatchedFileException refusal)
        {
            throw new AgencyCatalogueException(FilePath, refusal.Problems);
        }
    }

    /// <summary>Reads and checks the file, then follows it: each saved change that passes every check
    /// replaces <see cref="Current"/>; one that fails is logged and changes nothing.</summary>
    /// <exception cref="AgencyCatalogueException">The file cannot be read or breaks a rule.</exception>
    public static AgencyCatalogueSource Follow(AgencyCatalogueOptions options, ILogger<AgencyCatalogueSource> logger, TimeProvider clock) =>
        new(options, logger, clock);

    /// <summary>The catalogue in force.</summary>
    public AgencyCatalogue Current => followed?.Current ?? fixedCatalogue!;

    /// <summary>The file the catalogue comes from; null for one made in code.</summary>
    public string? FilePath { get; }

    /// <summary>A token that fires once a new catalogue has replaced the one in force when it was taken.</summary>
    public IChangeToken GetReloadToken() => followed?.GetReloadToken() ?? new CancellationChangeToken(never.Token);

    public void Dispose()
    {
        followed?.Dispose();
        never.Dispose();
    }

    // The watched file speaks of its own faults; the catalogue's checks name theirs in the same terms.
    private static AgencyCatalogue Parse(string text, string path)
    {
        try
        {
            return AgencyCatalogueFile.Parse(text, path);
        }
        catch (AgencyCatalogueException refusal)
        {
            throw new WatchedFileException(path, refusal.Problems);
        }
    }
}
