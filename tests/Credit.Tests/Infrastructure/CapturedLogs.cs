using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Credit.Tests.Infrastructure;

/// <summary>Every log entry written through the platform's logging at the configured levels, as text: the
/// message, each structured value, the exception and the scopes around it, whichever of them a provider
/// might write out.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> entries = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => logs.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var parts = new List<string> { $"{logLevel} {category}: {formatter(state, exception)}" };
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                parts.AddRange(values.Select(v => $"{v.Key}={v.Value}"));
            if (exception is not null)
                parts.Add(exception.ToString());
            logs.scopes.ForEachScope((scope, found) => found.Add($"scope: {scope}"), parts);
            logs.entries.Enqueue(string.Join(" | ", parts));
        }
    }
}
