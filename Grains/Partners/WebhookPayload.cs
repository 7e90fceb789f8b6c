using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Credit.Grains.Interfaces.Partners;

namespace Credit.Grains.Partners;

/// <summary>The body of a partner's webhook request, in the shape Standard Webhooks suggests: a type, a timestamp and the
/// data (the change as the pull feed gives it). Fields the partner is not granted are left out, not sent as null.</summary>
public static class WebhookPayload
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Names in Chinese as they are, in UTF-8: the body is JSON for a server, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The event's type: listing.added, listing.changed or listing.removed.</summary>
    public static string TypeOf(PartnerChangeType type) => $"listing.{type.ToString().ToLowerInvariant()}";

    /// <summary>The message id: the same for every attempt and every replay of the event, so a receiver can drop a repeat.</summary>
    public static string MessageId(Guid subscription, long position) => FormattableString.Invariant($"msg_{subscription:N}_{position}");

    /// <param name="at">When the change was committed: the body is the same bytes at every attempt.</param>
    public static string Of(PartnerChange change, DateTimeOffset at) =>
        JsonSerializer.Serialize(new { type = TypeOf(change.Type), timestamp = at, data = change }, Json);
}
