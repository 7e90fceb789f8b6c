using Microsoft.Extensions.Primitives;

namespace Credit.Api.Agencies.Catalogue;

/// <summary>The catalogue in force, read and checked when the source is made. A source that follows its file
/// (<see cref="Follow"/>) puts a saved change in force as soon as it passes every check, with no rebuild or
/// restart; a change that fails a check is logged and ignored, and the previous catalogue stays in force.
/// Readers take <see cref="Current"/> once per piece of work, so each sees one whole catalogue.</summary>
public sealed class AgencyCatalogueSource : IDisposable
{
    public const string DefaultFile = "Agencies/Catalogue/catalogue.json";

    private readonly ILogger? logger;
    private readonly TimeSpan reloadDelay;
    private readonly Lock reloading = new();
    private readonly FileSystemWatcher? watcher;
    private readonly ITimer? settle;
    private readonly ITimer? check;
    private volatile AgencyCatalogue current;
    private CancellationTokenSource reloaded = new();
    // The text last read, so that a touch or a repeated event changes nothing and logs nothing; null after a
    // failed read, so that the file's return is taken whatever it holds.
    private string? lastText;

    /// <summary>Reads and checks the file once; the catalogue never changes.</summary>
    /// <exception cref="AgencyCatalogueException">The file cannot be read or breaks a rule.</exception>
    public AgencyCatalogueSource(string path)
    {
        FilePath = Path.GetFullPath(path);
        current = AgencyCatalogueFile.Read(FilePath);
    }

    /// <summary>A fixed catalogue made in code.</summary>
    public AgencyCatalogueSource(AgencyCatalogue catalogue) => current = catalogue;

    private AgencyCatalogueSource(AgencyCatalogueOptions options, ILogger logger, TimeProvider clock)
    {
        FilePath = options.FullPath;
        this.logger = logger;
        reloadDelay = options.ReloadDelay;
        var folder = Path.GetDirectoryName(FilePath)!;
        if (!Directory.Exists(folder))
            throw new AgencyCatalogueException(FilePath, [$"the file cannot be read: its folder {folder} does not exist"]);

        // Watching starts before the first read, so that a save made in between is not missed.
        settle = clock.CreateTimer(_ => ReloadAndLog(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        // Only this file, not the folder's subfolders: an operator may keep it in a large folder.
        watcher = new FileSystemWatcher(folder, Path.GetFileName(FilePath))
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            IncludeSubdirectories = false,
        };
        watcher.Changed += (_, _) => FileChanged();
        watcher.Created += (_, _) => FileChanged();
        watcher.Deleted += (_, _) => FileChanged();
        // Editors save by writing a temporary file and renaming it over the original.
        watcher.Renamed += (_, _) => FileChanged();
        watcher.Error += (_, error) =>
        {
            logger.LogWarning(error.GetException(), "Agency catalogue {Path}: the file watcher lost events; reading the file again", FilePath);
            FileChanged();
        };
        watcher.EnableRaisingEvents = true;
        try
        {
            lastText = AgencyCatalogueFile.ReadText(FilePath);
            current = AgencyCatalogueFile.Parse(lastText, FilePath);
        }
        catch
        {
            Dispose();
            throw;
        }
        if (options.CheckInterval > TimeSpan.Zero)
            check = clock.CreateTimer(_ => ReloadAndLog(), null, options.CheckInterval, options.CheckInterval);
    }

    /// <summary>Reads and checks the file, then follows it: each saved change that passes every check
    /// replaces <see cref="Current"/>; one that fails is logged and changes nothing.</summary>
    /// <exception cref="AgencyCatalogueException">The file cannot be read or breaks a rule.</exception>
    public static AgencyCatalogueSource Follow(AgencyCatalogueOptions options, ILogger<AgencyCatalogueSource> logger, TimeProvider clock) =>
        new(options, logger, clock);

    /// <summary>The catalogue in force.</summary>
    public AgencyCatalogue Current => current;

    /// <summary>The file the catalogue comes from; null for one made in code.</summary>
    public string? FilePath { get; }

    /// <summary>A token that fires once a new catalogue has replaced the one in force when it was taken.</summary>
    public IChangeToken GetReloadToken() => new CancellationChangeToken(Volatile.Read(ref reloaded).Token);

    public void Dispose()
    {
        watcher?.Dispose();
        settle?.Dispose();
        check?.Dispose();
    }

    // Each event postpones the read until the file has been quiet for the reload delay.
    private void FileChanged() => settle?.Change(reloadDelay, Timeout.InfiniteTimeSpan);

    private void ReloadAndLog()
    {
        // A timer callback must not throw: that would end the process.
        try
        {
            Reload();
        }
        catch (Exception exception)
        {
            logger?.LogError(exception, "Agency catalogue {Path}: reading the changed file failed; the previous catalogue stays in force", FilePath);
        }
    }

    private void Reload()
    {
        lock (reloading)
        {
            string text;
            try
            {
                text = AgencyCatalogueFile.ReadText(FilePath!);
            }
            catch (AgencyCatalogueException exception)
            {
                if (lastText is not null)
                    logger?.LogError("{Problems}\nThe previous catalogue stays in force.", exception.Message);
                lastText = null;
                return;
            }
            if (text == lastText)
                return;
            lastText = text;

            AgencyCatalogue next;
            try
            {
                next = AgencyCatalogueFile.Parse(text, FilePath!);
            }
            catch (AgencyCatalogueException exception)
            {
                logger?.LogError("{Problems}\nThe change is ignored; the previous catalogue stays in force.", exception.Message);
                return;
            }
            current = next;
            var previous = Interlocked.Exchange(ref reloaded, new CancellationTokenSource());
            logger?.LogInformation("Agency catalogue {Path} reloaded: {Categories} categories, {Measures} measures, {Agencies} agencies",
                FilePath, next.Categories.Count, next.Measures.Count, next.Agencies.Count);
            previous.Cancel();
        }
    }
}
