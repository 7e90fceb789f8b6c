using Microsoft.Extensions.Logging;

namespace Credit.Tests.Agencies;

/// <summary>A logger that keeps what is logged and lets a test wait for a particular entry.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly Lock gate = new();
    private readonly List<(LogLevel Level, string Message)> entries = [];
    private readonly List<(LogLevel Level, string Text, TaskCompletionSource<string> Seen)> waiting = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (gate)
                return [.. entries];
        }
    }

    /// <summary>Completes with the next entry at <paramref name="level"/> that contains <paramref name="text"/>.</summary>
    public Task<string> Next(LogLevel level, string text)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
            waiting.Add((level, text, seen));
        return seen.Task;
    }

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        lock (gate)
        {
            entries.Add((logLevel, message));
            foreach (var waiter in waiting.Where(w => w.Level == logLevel && message.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult(message);
                waiting.Remove(waiter);
            }
        }
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
}
