using System.Text;
using Credit.Api.Publication;
using Credit.Api.Subjects;
using Credit.ReadModels.PublicListings;

namespace Credit.Bench.Measuring;

/// <summary>A public search as a visitor sends it: the query-string parameters of
/// <c>GET /api/v1/public/listings</c>.</summary>
public sealed record SearchRequest(
    string? Name = null, string? IdNumber = null, string? CaseNumber = null, string? Court = null, SubjectKind? Kind = null, string? Cursor = null)
{
    /// <summary>What the endpoint does before it searches; a request the bench built must pass.</summary>
    public PublicSearchQuery Validate()
    {
        var errors = new RequestErrors();
        var query = PublicSearchRequest.Validate(Name, IdNumber, CaseNumber, Court, null, Kind, null, Cursor, errors);
        return errors.Any
            ? throw new InvalidOperationException($"the bench built an invalid search {this}: {string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key} {string.Join(", ", e.Value)}"))}")
            : query;
    }

    public string QueryString()
    {
        var text = new StringBuilder();
        Add(text, "name", Name);
        Add(text, "idNumber", IdNumber);
        Add(text, "caseNumber", CaseNumber);
        Add(text, "court", Court);
        Add(text, "kind", Kind?.ToString());
        Add(text, "cursor", Cursor);
        return text.ToString();
    }

    public override string ToString() => Uri.UnescapeDataString(QueryString().TrimStart('?')).Replace("&", " ", StringComparison.Ordinal);

    private static void Add(StringBuilder text, string parameter, string? value)
    {
        if (value is null)
            return;
        text.Append(text.Length == 0 ? '?' : '&').Append(parameter).Append('=').Append(Uri.EscapeDataString(value));
    }
}

/// <summary>One way of searching, measured on its own, with the requests that exercise it.</summary>
/// <param name="Matches">For name searches: how many active listings the requests' names match (median, largest).</param>
public sealed record Criterion(string Name, IReadOnlyList<SearchRequest> Requests, (long Median, long Largest)? Matches = null);
