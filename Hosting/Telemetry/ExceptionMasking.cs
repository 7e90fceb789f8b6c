using System.Diagnostics;
using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Hosting.Telemetry;

/// <summary>Masks resident IDs in the exception events of the traced sources as they are recorded: a recorded event cannot
/// be changed later, and an exception's message may quote an ID (a subject's key in a grain's error). The runtime asks
/// every listener of the source for the event's tags before it fills in the standard ones, so filling them in masked here
/// is what keeps the raw message and stack trace out.</summary>
public sealed class ExceptionMasking : IDisposable
{
    private const string Message = "exception.message";
    private const string StackTrace = "exception.stacktrace";
    private const string Type = "exception.type";
    private readonly ActivityListener listener;

    public ExceptionMasking(IReadOnlyCollection<string> sources)
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => sources.Contains(source.Name),
            // This listener creates nothing: the tracer provider decides what is recorded.
            Sample = (ref _) => ActivitySamplingResult.None,
            ExceptionRecorder = Mask,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Dispose() => listener.Dispose();

    private static void Mask(Activity activity, Exception exception, ref TagList tags)
    {
        var (message, stackTrace, type) = (false, false, false);
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            (message, stackTrace, type) = (message || tag.Key == Message, stackTrace || tag.Key == StackTrace, type || tag.Key == Type);
            if (ResidentIdRedactor.Masked(tag.Value) is { } masked)
                tags[i] = new(tag.Key, masked);
        }
        if (!message)
            tags.Add(Message, ResidentIdsInText.Mask(exception.Message));
        if (!stackTrace)
            tags.Add(StackTrace, ResidentIdsInText.Mask(exception.ToString()));
        if (!type)
            tags.Add(Type, exception.GetType().ToString());
    }
}
