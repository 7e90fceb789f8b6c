using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credit.Tests.OpenApi;

/// <summary>The schemas of an OpenAPI 3.0 document read as the fuzzer needs them: what a value is (following
/// <c>$ref</c> and one-schema <c>oneOf</c>), a plausible value for it (its example, or one made from its type), and
/// every member of a body schema a hostile value can be put in.</summary>
public sealed class DocumentSchemas(JsonElement document)
{
    private readonly JsonElement components = document.GetProperty("components").GetProperty("schemas");

    /// <summary>One place in a body: the members and list items leading to it, each with its schema.</summary>
    public sealed record Slot(IReadOnlyList<Step> Steps)
    {
        public JsonElement Schema => Steps[^1].Schema;

        public override string ToString() => string.Concat(Steps.Select((s, i) => s.Member is null ? "[0]" : i == 0 ? s.Member : "." + s.Member));
    }

    /// <param name="Member">The member's name, or null for the first item of a list.</param>
    public sealed record Step(string? Member, JsonElement Schema);

    /// <summary>The schema that says what a value is: references and one-schema compositions followed.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 32; hops++)
        {
            if (schema.TryGetProperty("$ref", out var reference))
                schema = components.GetProperty(reference.GetString()!.Split('/')[^1]);
            else if (Single(schema, "oneOf") is { } one)
                schema = one;
            else if (Single(schema, "allOf") is { } all)
                schema = all;
            else
                return schema;
        }
        throw new InvalidOperationException("the document's references go round in a circle");
    }

    public string? TypeOf(JsonElement schema)
    {
        var resolved = Resolve(schema);
        if (resolved.TryGetProperty("type", out var type))
            return type.GetString();
        return resolved.TryGetProperty("properties", out _) ? "object" : null;
    }

    public string? FormatOf(JsonElement schema) => Resolve(schema).TryGetProperty("format", out var format) ? format.GetString() : null;

    /// <summary>The names an enumeration accepts; empty when the schema is not one.</summary>
    public IReadOnlyList<string> EnumOf(JsonElement schema) =>
        Resolve(schema).TryGetProperty("enum", out var values) ? [.. values.EnumerateArray().Select(v => v.ToString())] : [];

    /// <summary>A value the schema accepts: its example where it has one, else one made from its type; an object gets its
    /// required members only.</summary>
    public JsonNode? Sample(JsonElement schema)
    {
        if (schema.TryGetProperty("example", out var example))
            return JsonNode.Parse(example.GetRawText());
        var resolved = Resolve(schema);
        if (resolved.TryGetProperty("example", out example))
            return JsonNode.Parse(example.GetRawText());
        if (EnumOf(resolved) is [var first, ..])
            return JsonValue.Create(first);
        switch (TypeOf(resolved))
        {
            case "object":
                var body = new JsonObject();
                if (resolved.TryGetProperty("required", out var required) && resolved.TryGetProperty("properties", out var properties))
                {
                    foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                        body[name] = Sample(properties.GetProperty(name));
                }
                return body;
            case "array":
                return new JsonArray(Sample(resolved.GetProperty("items")));
            case "integer":
            case "number":
                return JsonValue.Create(1);
            case "boolean":
                return JsonValue.Create(false);
            default:
                return JsonValue.Create(FormatOf(resolved) switch
                {
                    "date" => "2025-03-01",
                    "date-time" => "2025-03-01T08:30:00+08:00",
                    "guid" or "uuid" => "6f1c2a52-0c3e-4e0a-9d38-5b7a3c9e1f20",
                    _ => "x",
                });
        }
    }

    /// <summary>Every member of a body schema, nested members and the first item of lists included, down to
    /// <paramref name="depth"/> levels.</summary>
    public IEnumerable<Slot> Slots(JsonElement schema, int depth = 4) => Slots(Resolve(schema), [], depth);

    private IEnumerable<Slot> Slots(JsonElement resolved, IReadOnlyList<Step> above, int depth)
    {
        if (depth == 0)
            yield break;
        var children = TypeOf(resolved) switch
        {
            "object" when resolved.TryGetProperty("properties", out var properties) =>
                properties.EnumerateObject().Select(p => new Step(p.Name, p.Value)).ToList(),
            "array" => [new Step(null, resolved.GetProperty("items"))],
            _ => [],
        };
        foreach (var child in children)
        {
            var slot = new Slot([.. above, child]);
            yield return slot;
            foreach (var inner in Slots(Resolve(child.Schema), slot.Steps, depth - 1))
                yield return inner;
        }
    }

    /// <summary>The body text with <paramref name="slot"/> holding <paramref name="rawJson"/> (written as given, JSON or
    /// not), or without that member when <paramref name="rawJson"/> is null. Members on the way that the body lacks are
    /// made from their schemas.</summary>
    public string With(JsonObject body, Slot slot, string? rawJson)
    {
        const string placeholder = "__fuzz_hostile_value__";
        var copy = body.DeepClone().AsObject();
        JsonNode node = copy;
        foreach (var step in slot.Steps.SkipLast(1))
        {
            var child = step.Member is null ? (node as JsonArray)?.FirstOrDefault() : node[step.Member];
            if (child is not (JsonObject or JsonArray))
            {
                child = Sample(step.Schema) ?? new JsonObject();
                if (step.Member is null)
                    SetFirst((JsonArray)node, child);
                else
                    node[step.Member] = child;
            }
            node = child;
        }
        var last = slot.Steps[^1];
        if (last.Member is null)
            SetFirst((JsonArray)node, rawJson is null ? null : JsonValue.Create(placeholder));
        else if (rawJson is null)
            ((JsonObject)node).Remove(last.Member);
        else
            node[last.Member] = placeholder;
        var text = copy.ToJsonString(Json);
        return rawJson is null ? text : text.Replace($"\"{placeholder}\"", rawJson, StringComparison.Ordinal);
    }

    public static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON string literal for any .NET string, lone surrogates included (as escapes, which a strict
    /// reader refuses): the serializer itself will not write them.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            if (paired)
                text.Append(c).Append(value[++i]);
            else if (c is '"' or '\\')
                text.Append('\\').Append(c);
            else if (c < ' ' || char.IsSurrogate(c))
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else
                text.Append(c);
        }
        return text.Append('"').ToString();
    }

    private static void SetFirst(JsonArray array, JsonNode? value)
    {
        if (array.Count == 0)
            array.Add(value);
        else
            array[0] = value;
    }

    private static JsonElement? Single(JsonElement schema, string composition) =>
        schema.TryGetProperty(composition, out var parts) && parts.GetArrayLength() == 1 ? parts[0] : null;
}
