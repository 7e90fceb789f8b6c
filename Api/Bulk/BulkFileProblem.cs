namespace Credit.Api.Bulk;

/// <summary>Refuses a whole file, before any row of it is stored: not CSV or NDJSON, a header that is not the column set,
/// too large. Answered as RFC 9457 problem details naming the field and the rule.</summary>
public sealed class BulkFileProblem(int status, string field, string rule) : Exception($"{field}: {rule}")
{
    public int Status { get; } = status;
    public string Field { get; } = field;
    public string Rule { get; } = rule;

    public static BulkFileProblem Invalid(string field, string rule) => new(StatusCodes.Status400BadRequest, field, rule);
}
