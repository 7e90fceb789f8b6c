using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credit.ReadModels.Interceptions;

/// <summary>The one JSON form of holds, shared by the projection that writes them and the feeds that read them.</summary>
public static class InterceptionJson
{
    /// <remarks>Chinese characters are written as they are (three bytes each rather than a six-byte \u escape), in the stored
    /// text and in what agencies receive (snapshot lines, events), which integrators read and which is never placed into a
    /// web page.</remarks>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The holds as the interception read model stores them.</summary>
    public static string Write(IReadOnlyList<InterceptionHold> holds) => JsonSerializer.Serialize(holds, Options);

    public static IReadOnlyList<InterceptionHold> Read(string json) => JsonSerializer.Deserialize<InterceptionHold[]>(json, Options) ?? [];

    /// <summary>From the UTF-8 text as PostgreSQL sends it, without making a string of it first.</summary>
    public static IReadOnlyList<InterceptionHold> Read(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize<InterceptionHold[]>(utf8Json, Options) ?? [];

    /// <summary>The channel on which PostgreSQL announces a committed interception change.</summary>
    public const string NotificationChannel = "credit_interceptions";
}
