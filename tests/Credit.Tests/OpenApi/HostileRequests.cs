using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credit.Tests.OpenApi;

/// <summary>Makes, from the OpenAPI document alone, the requests the fuzzer sends to an operation: a plausible one
/// (known values for the parameters it is told of, examples and types for the rest), then the same request with one
/// part hostile at a time: the key, each path, query and header parameter, the whole body, and each member of the
/// body. A new operation in the document gets all of this without a line of test code.</summary>
/// <param name="known">A value that opens the way for a path parameter (a real subject, the agency of the key), or null.</param>
public sealed class HostileRequests(DocumentSchemas schemas, Func<string, FuzzOperation, string?> known)
{
    private static readonly string[] HostileKeys = ["not-a-key", new string('k', 10_000), "' OR '1'='1' --", "../../etc/passwd"];

    private static readonly string[] HostileHeaders =
        ["", " ", new string('k', 101), new string('k', 10_000), "a b", "'; DROP TABLE change_log; --", "../../etc/passwd", "%00", "\t"];

    private int headerValues;

    public FuzzRequest Plausible(FuzzOperation operation, string? apiKey)
    {
        var path = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = new List<KeyValuePair<string, string>>();
        foreach (var (name, location, required, schema) in operation.Parameters)
        {
            if (location == "path")
                path[name] = known(name, operation) ?? Text(schemas.Sample(schema));
            else if (location == "query" && required)
                query.Add(new(name, Text(schemas.Sample(schema))));
        }
        var body = operation.BodySchema is { } bodySchema ? Encoding.UTF8.GetBytes(schemas.Sample(bodySchema)!.ToJsonString(DocumentSchemas.Json)) : null;
        return Fresh(new FuzzRequest(operation, "plausible", path, query, [], body, body is null ? null : "application/json", apiKey));
    }

    /// <param name="otherKeys">Real keys of other callers (a court's on an agency's route, and the other way round).</param>
    public IEnumerable<FuzzRequest> Hostile(FuzzRequest plausible, IEnumerable<string> otherKeys)
    {
        var operation = plausible.Operation;
        foreach (var key in new string?[] { null }.Concat(HostileKeys).Concat(otherKeys).Where(k => k != plausible.ApiKey))
            yield return Fresh(plausible with { Variant = $"X-Api-Key {(key is null ? "left out" : "= " + HostileValues.Describe(key))}", ApiKey = key });

        foreach (var (name, location, _, schema) in operation.Parameters)
        {
            switch (location)
            {
                case "path":
                    // Kestrel itself refuses a NUL in the path, before the application could answer.
                    foreach (var value in ForText(schema, inUrl: true).Where(v => !v.Contains('\0', StringComparison.Ordinal)))
                    {
                        yield return Fresh(plausible with
                        {
                            Variant = $"path {name} = {HostileValues.Describe(value)}",
                            PathValues = new Dictionary<string, string>(plausible.PathValues) { [name] = value },
                        });
                    }
                    break;
                case "query":
                    foreach (var value in ForText(schema, inUrl: true))
                    {
                        yield return Fresh(plausible with
                        {
                            Variant = $"query {name} = {HostileValues.Describe(value)}",
                            Query = [.. plausible.Query.Where(q => q.Key != name), new(name, value)],
                        });
                    }
                    var sample = Text(schemas.Sample(schema));
                    yield return Fresh(plausible with
                    {
                        Variant = $"query {name} twice",
                        Query = [.. plausible.Query.Where(q => q.Key != name), new(name, sample), new(name, sample + "0")],
                    });
                    break;
                case "header":
                    foreach (var value in HostileHeaders)
                    {
                        yield return plausible with
                        {
                            Variant = $"header {name} = {HostileValues.Describe(value)}",
                            Headers = [.. plausible.Headers.Where(h => h.Key != name), new(name, value)],
                        };
                    }
                    break;
            }
        }

        if (operation.BodySchema is not { } bodySchema || plausible.Body is null)
            yield break;
        foreach (var (name, body, contentType) in HostileValues.Bodies())
            yield return Fresh(plausible with { Variant = $"body {name}", Body = body, ContentType = contentType });
        if (JsonNode.Parse(plausible.Body) is not JsonObject baseline)
            yield break;
        foreach (var slot in schemas.Slots(bodySchema))
        {
            yield return Fresh(plausible with { Variant = $"body {slot} left out", Body = Encoding.UTF8.GetBytes(schemas.With(baseline, slot, null)) });
            foreach (var raw in ForJson(slot.Schema))
            {
                yield return Fresh(plausible with
                {
                    Variant = $"body {slot} = {HostileValues.Describe(raw)}",
                    Body = Encoding.UTF8.GetBytes(schemas.With(baseline, slot, raw)),
                });
            }
        }
    }

    /// <summary>Hostile text for a parameter of this schema: what breaks its type, and what breaks any text.</summary>
    private IEnumerable<string> ForText(JsonElement schema, bool inUrl)
    {
        var any = HostileValues.Text(inUrl);
        if (schemas.EnumOf(schema) is { Count: > 0 } names)
            return HostileValues.EnumNames(names).Concat(any.Take(8));
        return (schemas.TypeOf(schema), schemas.FormatOf(schema)) switch
        {
            ("integer" or "number", _) => HostileValues.IntegersAsText.Concat(any.Take(8)),
            ("boolean", _) => new[] { "yes", "1", "TRUE ", "null" }.Concat(any.Take(8)),
            (_, "date") => HostileValues.Dates.Concat(any.Take(8)),
            (_, "date-time") => HostileValues.Instants.Concat(any.Take(8)),
            (_, "guid" or "uuid") => HostileValues.Uuids.Concat(any),
            _ => any,
        };
    }

    /// <summary>Hostile raw JSON for a body member of this schema: what breaks its type, and values of every other type.</summary>
    private IEnumerable<string> ForJson(JsonElement schema)
    {
        var typed = schemas.EnumOf(schema) is { Count: > 0 } names ? HostileValues.EnumNames(names).Select(DocumentSchemas.Quote)
            : schemas.TypeOf(schema) switch
            {
                "integer" or "number" => HostileValues.JsonNumbers,
                "boolean" => HostileValues.JsonBooleans,
                "array" => [LongList(schema)],
                "object" => [],
                _ => ForText(schema, inUrl: false).Select(DocumentSchemas.Quote),
            };
        return typed.Concat(HostileValues.JsonTypeConfusion);
    }

    /// <summary>A list longer than any this API takes (the longest, a batch of checks, holds 10,000).</summary>
    private string LongList(JsonElement schema)
    {
        var item = (schemas.Sample(schema) as JsonArray)?.FirstOrDefault()?.ToJsonString() ?? "null";
        return "[" + string.Join(',', Enumerable.Repeat(item, 10_001)) + "]";
    }

    /// <summary>The request with new values for the headers the operation declares (an Idempotency-Key is new for each
    /// change), so that no request is answered as the replay of another.</summary>
    private FuzzRequest Fresh(FuzzRequest request) => request with
    {
        Headers = [.. request.Operation.Parameters.Where(p => p.In == "header")
            .Select(p => new KeyValuePair<string, string>(p.Name, $"fuzz-{Interlocked.Increment(ref headerValues).ToString("D6", CultureInfo.InvariantCulture)}"))],
    };

    private static string Text(JsonNode? value) => value switch
    {
        JsonValue scalar when scalar.TryGetValue<string>(out var text) => text,
        null => "",
        _ => value.ToJsonString(),
    };
}
