using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Credit.Tests.OpenApi;

/// <summary>One operation of the OpenAPI document, as the fuzzer reads it.</summary>
public sealed record FuzzOperation(string Method, string Path, JsonElement Operation)
{
    public string Name => $"{Method.ToUpperInvariant()} {Path}";

    /// <summary>The operation needs no key: its security is one empty requirement.</summary>
    public bool IsPublic => Operation.TryGetProperty("security", out var security)
        && security.EnumerateArray().All(requirement => !requirement.EnumerateObject().Any());

    /// <summary>Its success is a stream (server-sent events, NDJSON, CSV): the fuzzer reads the headers only.</summary>
    public bool IsStreamed => Operation.GetProperty("responses").TryGetProperty("200", out var ok)
        && ok.TryGetProperty("content", out var content)
        && content.EnumerateObject().Any(c => c.Name is "text/event-stream" or "application/x-ndjson" or "text/csv");

    public IEnumerable<(string Name, string In, bool Required, JsonElement Schema)> Parameters =>
        Operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                p.TryGetProperty("required", out var required) && required.GetBoolean(), p.GetProperty("schema")))
            : [];

    public JsonElement? BodySchema => Operation.TryGetProperty("requestBody", out var body)
        && body.GetProperty("content").TryGetProperty("application/json", out var json) ? json.GetProperty("schema") : null;
}

/// <summary>One request the fuzzer sends: the operation it targets, what is hostile about it, and its parts.</summary>
/// <param name="PathValues">The path parameters as text, escaped when the request is built.</param>
/// <param name="Query">Query parameters as text, in order; a name may repeat.</param>
public sealed record FuzzRequest(
    FuzzOperation Operation,
    string Variant,
    IReadOnlyDictionary<string, string> PathValues,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    string? ContentType,
    string? ApiKey)
{
    public string PathAndQuery
    {
        get
        {
            var path = Operation.Path;
            foreach (var (name, value) in PathValues)
                path = path.Replace("{" + name + "}", Escape(value), StringComparison.Ordinal);
            return Query.Count == 0 ? path : $"{path}?{string.Join('&', Query.Select(q => $"{Escape(q.Key)}={Escape(q.Value)}"))}";
        }
    }

    public override string ToString() => $"{Operation.Name} [{Variant}]";

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Operation.Method.ToUpperInvariant()), new Uri(PathAndQuery, UriKind.Relative));
        if (ApiKey is not null)
            message.Headers.TryAddWithoutValidation("X-Api-Key", ApiKey);
        foreach (var (name, value) in Headers)
            message.Headers.TryAddWithoutValidation(name, value);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        return message;
    }

    /// <summary>Percent-encodes text for a URL byte by byte, a lone surrogate included (as the three bytes it would
    /// take, which are not UTF-8): <see cref="Uri.EscapeDataString(string)"/> refuses it, a hostile client would not.</summary>
    public static string Escape(string value)
    {
        var text = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
            {
                text.Append(c);
                continue;
            }
            var paired = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            var bytes = paired ? Encoding.UTF8.GetBytes(value.Substring(i++, 2))
                : char.IsSurrogate(c) ? [(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]
                : Encoding.UTF8.GetBytes(c.ToString());
            foreach (var b in bytes)
                text.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
        }
        return text.ToString();
    }
}
