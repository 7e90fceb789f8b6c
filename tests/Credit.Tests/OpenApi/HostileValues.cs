using System.Text;

namespace Credit.Tests.OpenApi;

/// <summary>The values the fuzzer puts where a request expects something sensible, by the kind of thing expected.
/// Strings are the values themselves; the JSON lists hold raw JSON text, spliced into bodies as written, so that
/// they may be numbers no .NET type holds or not JSON at all.</summary>
public static class HostileValues
{
    /// <summary>The longest text sent in a path, a query string or a header: Kestrel refuses a request line over
    /// 8 KB itself, before the application could answer.</summary>
    public const int LongInUrl = 2_000;

    /// <summary>Text for any string: empty and blank, very long, rare and invalid Unicode, control characters, SQL
    /// and LIKE metacharacters, markup, path traversal, and cursors this service never gave out.</summary>
    public static IEnumerable<string> Text(bool inUrl) =>
    [
        "",
        " ",
        new string('x', inUrl ? LongInUrl : 100_000),
        new string('张', inUrl ? LongInUrl / 9 : 20_000),
        "𠀀𪚥𫝀𬺰",            // CJK extensions B to F, outside the Basic Multilingual Plane
        "\uD800",              // a lone high surrogate: not Unicode text at all
        "a\uDC00b",            // a lone low surrogate
        "\u0000",
        "张\u0000三",
        "\u202Eabc",           // right-to-left override
        "张\u200B三",          // zero-width space
        "e\u0301\u0301\u0301", // stacked combining marks
        "\uFEFF张三",          // byte-order mark
        "\uFFFF\uFFFE",        // noncharacters
        "😀👨‍👩‍👧",
        "\r\n\t",
        "\u0085\u2028\u2029",
        "' OR '1'='1' --",
        "'; DROP TABLE change_log; --",
        "%",
        "_",
        "%_%\\",
        "\\",
        "\"",
        "<script>alert(1)</script>",
        "${jndi:ldap://x}",
        "../../../../etc/passwd",
        "..\\..\\..\\windows\\win.ini",
        "%2e%2e%2f%2e%2e%2f",
        "null",
        "-1",
        "NaN",
        "AAAAAAAAAAAAAAAAAAAAAA",
        "eyJhIjoxfQ",          // base64url JSON: a cursor-shaped lie
        "!!!!",
        "p:11010519491231002X",
    ];

    /// <summary>Dates: the calendar's ends, just outside the platform's window, impossible days, other shapes.</summary>
    public static readonly string[] Dates =
    [
        "0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01", "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10",
        "20240101", "2024-1-1", "2024-01-01T00:00:00Z", "01/02/2024", "yesterday", "-0001-01-01", "+10000-01-01", "10000-01-01",
    ];

    /// <summary>Instants: the calendar's ends with extreme offsets, no offset, impossible times.</summary>
    public static readonly string[] Instants =
    [
        "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2025-03-01T08:30:00", "2025-03-01", "2025-02-30T00:00:00Z",
        "2025-03-01T25:00:00Z", "2025-03-01T08:30:00+25:00", "1970-01-01T00:00:00Z", "2999-01-01T00:00:00Z", "now",
    ];

    public static readonly string[] Uuids =
        ["00000000-0000-0000-0000-000000000000", "not-a-guid", "{00000000-0000-0000-0000-000000000000}", "0", "ffffffff-ffff-ffff-ffff-fffffffffffff"];

    /// <summary>Whole numbers as they may arrive in a query string.</summary>
    public static readonly string[] IntegersAsText =
    [
        "-1", "0", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "1.5", "1e3", "0x10", "NaN", "Infinity", " 1", "1 ", "١", "1,000", "99999999999999999999999999999",
    ];

    /// <summary>Numbers as raw JSON, including some no .NET number holds and some that are not JSON.</summary>
    public static readonly string[] JsonNumbers =
    [
        "-1", "0", "-0.0", "0.001", "0.5", "2147483648", "-2147483649", "9223372036854775808", "79228162514264337593543950336",
        "1e308", "1e309", "-1e309", "1E-400", "NaN", "Infinity", "0x10", "01", "\"1\"",
    ];

    /// <summary>Values of the wrong type for any member.</summary>
    public static readonly string[] JsonTypeConfusion = ["null", "true", "0", "-1", "\"\"", "\"x\"", "[]", "{}", "[null]", "{\"a\":1}"];

    /// <summary>Values for a member that should be true or false.</summary>
    public static readonly string[] JsonBooleans = ["\"true\"", "1", "\"yes\"", "True"];

    /// <summary>An unknown name for an enumeration and near-misses of a known one.</summary>
    public static IEnumerable<string> EnumNames(IReadOnlyList<string> known) =>
    [
        "Unknown", known[0].ToLowerInvariant(), known[0].ToUpperInvariant(), " " + known[0], known[0] + "\u0000", known[0] + "X",
        "0", "99", "-1", string.Join(",", known.Take(2)), "",
    ];

    /// <summary>Whole bodies that are not the JSON object the operation expects, each with the content type sent.</summary>
    public static IEnumerable<(string Name, byte[] Body, string? ContentType)> Bodies()
    {
        const string json = "application/json";
        foreach (var text in new[]
        {
            "", "{", "}", "[", "{\"a\":", "{\"a\":}", "{\"a\":1,}", "{'a':1}", "/* comment */ {}", "{\"a\":1}{\"b\":2}",
            "null", "true", "0", "-1", "1e309", "\"x\"", "[]", "[{}]", "{}", "{\"\":null}", "{\"__proto__\":{\"polluted\":true}}",
            new string('[', 100_000) + new string(']', 100_000),
            "{\"a\":" + new string('[', 10_000),
            "{\"x\":\"" + new string('x', 1_000_000) + "\"}",
            "{\"x\":\"a\u0000b\"}",
        })
        {
            yield return (Describe(text), Encoding.UTF8.GetBytes(text), json);
        }
        yield return ("invalid UTF-8", [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'], json);
        yield return ("overlong UTF-8 slash", [(byte)'{', (byte)'"', 0xC0, 0xAF, (byte)'"', (byte)':', (byte)'1', (byte)'}'], json);
        yield return ("UTF-16 body", Encoding.Unicode.GetBytes("{\"a\":1}"), json);
        yield return ("byte-order mark", [.. Encoding.UTF8.GetPreamble(), .. "{}"u8.ToArray()], json);
        yield return ("raw NUL byte", [(byte)'{', 0, (byte)'}'], json);
        yield return ("text/plain", "{}"u8.ToArray(), "text/plain");
        yield return ("application/xml", "<a/>"u8.ToArray(), "application/xml");
        yield return ("no content type", "{}"u8.ToArray(), null);
        yield return ("malformed content type", "{}"u8.ToArray(), "application/json; charset=\"");
        yield return ("unknown charset", "{}"u8.ToArray(), "application/json; charset=klingon");
        yield return ("form", "a=1&b=2"u8.ToArray(), "application/x-www-form-urlencoded");
    }

    public static string Describe(string value)
    {
        var shown = value.Length > 40 ? $"{value[..20]}…({value.Length} chars)" : value;
        return string.Concat(shown.Select(c => char.IsControl(c) || char.IsSurrogate(c) || c is '\uFEFF' or '\u202E' or '\u200B'
            ? $"\\u{(int)c:X4}"
            : c.ToString()));
    }
}
