using Credit.Grains.Interfaces.Identifiers;
using Microsoft.Extensions.Logging;

namespace Credit.Hosting.Logging;

/// <summary>Wraps a logger provider so that no resident ID number reaches it in full. Our own code never logs one, but
/// others' does: Orleans names a grain by its key (a subject's key is its ID number) when it warns of a slow turn or a
/// timed-out call, and exception messages can quote them. The message (and exception) is formatted and masked here,
/// and passed on as plain text, so a structured (JSON) formatter cannot print the unmasked values either.</summary>
public sealed class RedactingLoggerProvider(ILoggerProvider inner) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (inner as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
                return;
            var message = formatter(state, exception);
            if (exception is not null)
                message = $"{message}{Environment.NewLine}{exception}";
            inner.Log(logLevel, eventId, ResidentIdsInText.Mask(message), null, static (text, _) => text);
        }
    }
}
