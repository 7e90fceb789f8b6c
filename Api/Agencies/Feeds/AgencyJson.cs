using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credit.Api.Agencies.Feeds;

/// <summary>Serialisation of agency entries generated at compile time, for the snapshot that writes a million of them:
/// the same settings as <see cref="Grains.Interfaces.Agencies.InterceptionJson.Options"/> (web names, enums as strings,
/// nulls left out), so the lines are what the reflection-based serializer writes, only sooner.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(AgencyEntry))]
internal sealed partial class AgencyJson : JsonSerializerContext;
