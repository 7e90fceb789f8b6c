using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credit.Grains.Interfaces.BulkJobs;

/// <summary>How a checked row and its problems are stored (<c>bulk_job_rows.command</c>, <c>.refusals</c>): the intake writes
/// them and the job reads them back, so both use these options. Enumerations by name, for an operator reading with psql.</summary>
public static class BulkCommandJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Chinese characters as they are (three bytes each, not a six-byte \u escape): the rows of a large file are a
        // third smaller to copy in and to read back. Read by the platform and psql, never placed into a web page.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(BulkCommand command) => JsonSerializer.Serialize(command, Options);

    public static BulkCommand Read(string json) =>
        JsonSerializer.Deserialize<BulkCommand>(json, Options) ?? throw new JsonException("A stored bulk row holds no command.");

    public static string Write(IReadOnlyList<BulkRowProblem> problems) => JsonSerializer.Serialize(problems, Options);

    public static IReadOnlyList<BulkRowProblem> ReadProblems(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<BulkRowProblem>>(json, Options) ?? [];
}
