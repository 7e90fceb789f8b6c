using Microsoft.Extensions.Primitives;

namespace Credit.Api.Configuration;

/// <summary>What an operator's file failed on: each entry at fault and its rule.</summary>
public sealed class WatchedFileException(string path, IReadOnlyList<string> problems)
    : Exception($"{path}:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Select(p => $"  - {p}"))}")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>How a watched file is picked up after a change.</summary>
/// <param name="ReloadDelay">How long the file must stay quiet after a change before it is read, so a save made in several
/// writes is read whole.</param>
/// <param name="CheckInterval">How often the file is also read and compared, for file systems that report no changes
/// (network shares; Kubernetes ConfigMap volumes, which swap a symbolic link); zero for never.</param>
public sealed record WatchPolicy(TimeSpan ReloadDelay, TimeSpan CheckInterval);

/// <summary>An operator's data file (screen channels, exposure partners) in force: read and checked at start, where a fault
/// stops the platform, then followed: a saved change that passes every check is in force at once, one that fails is logged
/// and the previous content stays. Readers take <see cref="Current"/> once per piece of work, so each sees one whole file.</summary>
public sealed class WatchedFile<T> : IDisposable where T : class
{
    private readonly Func<string, string, T> parse;
    private readonly Func<T, string>? describe;
    private readonly string noun;
    private readonly ILogger logger;
    private readonly TimeSpan reloadDelay;
    private readonly Lock reloading = new();
    private readonly FileSystemWatcher watcher;
    private readonly ITimer settle;
    private readonly ITimer? check;
    private volatile T current;
    private CancellationTokenSource reloaded = new();
    private string? lastText;

    /// <param name="parse">Checks the text (the second argument names the file) and builds the content; throws
    /// <see cref="WatchedFileException"/> naming every fault.</param>
    /// <exception cref="WatchedFileException">The file cannot be read or breaks a rule.</exception>
    /// <param name="noun">What the file holds, in the log's words ("the previous catalogue stays in force").</param>
    /// <param name="describe">A summary of new content for the log line that says it is in force.</param>
    public WatchedFile(string path, Func<string, string, T> parse, WatchPolicy policy, ILogger logger, TimeProvider clock,
        string noun = "content", Func<T, string>? describe = null)
    {
        FilePath = Path.GetFullPath(path);
        this.parse = parse;
        this.noun = noun;
        this.describe = describe;
        this.logger = logger;
        reloadDelay = policy.ReloadDelay;
        var folder = Path.GetDirectoryName(FilePath)!;
        if (!Directory.Exists(folder))
            throw new WatchedFileException(FilePath, [$"the file cannot be read: its folder {folder} does not exist"]);
        // Watching starts before the first read, so that a save made in between is not missed.
        settle = clock.CreateTimer(_ => ReloadAndLog(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
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
            logger.LogWarning(error.GetException(), "{Path}: the file watcher lost events; reading the file again", FilePath);
            FileChanged();
        };
        watcher.EnableRaisingEvents = true;
        try
        {
            lastText = ReadText(FilePath);
            current = parse(lastText, FilePath);
        }
        catch
        {
            Dispose();
            throw;
        }
        if (policy.CheckInterval > TimeSpan.Zero)
            check = clock.CreateTimer(_ => ReloadAndLog(), null, policy.CheckInterval, policy.CheckInterval);
    }

    public string FilePath { get; }

    public T Current => current;

    /// <summary>A token that fires once new content has replaced the content in force when it was taken.</summary>
    public IChangeToken GetReloadToken() => new CancellationChangeToken(Volatile.Read(ref reloaded).Token);

    public void Dispose()
    {
        watcher.Dispose();
        settle.Dispose();
        check?.Dispose();
    }

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new WatchedFileException(path, [$"the file cannot be read: {exception.Message}"]);
        }
    }

    // Each event postpones the read until the file has been quiet for the reload delay.
    private void FileChanged() => settle.Change(reloadDelay, Timeout.InfiniteTimeSpan);

    private void ReloadAndLog()
    {
        // A timer callback must not throw: that would end the process.
        try
        {
            Reload();
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "{Path}: reading the changed file failed; the previous {Noun} stays in force", FilePath, noun);
        }
    }

    private void Reload()
    {
        lock (reloading)
        {
            string text;
            try
            {
                text = ReadText(FilePath);
            }
            catch (WatchedFileException exception)
            {
                if (lastText is not null)
                    logger.LogError("{Problems}\nThe previous {Noun} stays in force.", exception.Message, noun);
                lastText = null;
                return;
            }
            if (text == lastText)
                return;
            lastText = text;
            T next;
            try
            {
                next = parse(text, FilePath);
            }
            catch (WatchedFileException exception)
            {
                logger.LogError("{Problems}\nThe change is ignored; the previous {Noun} stays in force.", exception.Message, noun);
                return;
            }
            current = next;
            var previous = Interlocked.Exchange(ref reloaded, new CancellationTokenSource());
            logger.LogInformation("{Path} reloaded: {Content}", FilePath, describe?.Invoke(next) ?? "in force");
            previous.Cancel();
        }
    }
}
