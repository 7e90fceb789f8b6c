using System.Diagnostics;
using System.Globalization;
using Credit.Grains.Interfaces.Identifiers;
using OpenTelemetry;

namespace Credit.Hosting.Telemetry;

/// <summary>Masks every resident ID number in a span before any exporter sees it, as the logs mask them
/// (<see cref="ResidentIdsInText"/>: one rule for both). Others put them there: Orleans tags a grain call with the grain's
/// key (a person's key is the ID number), a court's and an agency's URLs carry it in the path, an exception's message may
/// quote it. Runs when the span ends, first of the processors, so the exporters that follow read masked values: the
/// display name, every tag, the status description. The name given at creation, events and links cannot be changed once
/// recorded (exceptions, the usual events, are masked as they are recorded: <see cref="ExceptionMasking"/>); a span with an
/// ID left in one of them is not exported at all.</summary>
public sealed class ResidentIdRedactor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data) => Redact(data);

    public static void Redact(Activity span)
    {
        span.DisplayName = ResidentIdsInText.Mask(span.DisplayName);
        List<KeyValuePair<string, object?>>? masked = null;
        foreach (var tag in span.TagObjects)
        {
            if (Masked(tag.Value) is { } value)
                (masked ??= []).Add(new(tag.Key, value));
        }
        foreach (var (key, value) in masked ?? [])
            span.SetTag(key, value);
        if (span.StatusDescription is { } description)
            span.SetStatus(span.Status, ResidentIdsInText.Mask(description));
        // The name given at creation, which some exporters send, cannot be changed either.
        var exportable = string.Equals(ResidentIdsInText.Mask(span.OperationName), span.OperationName, StringComparison.Ordinal);
        foreach (var recorded in span.Events)
            exportable &= string.Equals(ResidentIdsInText.Mask(recorded.Name), recorded.Name, StringComparison.Ordinal) && HoldNoId(recorded.Tags);
        foreach (var link in span.Links)
            exportable &= HoldNoId(link.Tags);
        // The export processors pass over a span that is not recorded.
        if (!exportable)
            span.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
    }

    /// <summary>The value with its IDs masked, or null when it holds none. Numbers and booleans cannot; any other
    /// object is exported as its text, so that text is what is checked.</summary>
    internal static object? Masked(object? value)
    {
        switch (value)
        {
            case null or bool or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal:
                return null;
            case string text:
                var maskedText = ResidentIdsInText.Mask(text);
                return string.Equals(maskedText, text, StringComparison.Ordinal) ? null : maskedText;
            case string?[] texts:
                var maskedTexts = texts.Select(t => t is null ? null : ResidentIdsInText.Mask(t)).ToArray();
                return maskedTexts.SequenceEqual(texts, StringComparer.Ordinal) ? null : maskedTexts;
            case Array:
                // Arrays of numbers or booleans, the only other arrays OpenTelemetry exports.
                return null;
            default:
                return Masked(Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }

    private static bool HoldNoId(IEnumerable<KeyValuePair<string, object?>>? tags) =>
        tags is null || tags.All(tag => Masked(tag.Value) is null);
}
