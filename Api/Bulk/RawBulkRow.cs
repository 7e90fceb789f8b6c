using System.Text.Json;
using Credit.Grains.Interfaces.BulkJobs;

namespace Credit.Api.Bulk;

/// <summary>One row of a bulk file as read, before any rule is applied.</summary>
/// <param name="Line">Its line in the file (a CSV header is line 1).</param>
/// <param name="Cells">The row's columns by name (<see cref="BulkColumns"/>); an empty cell is absent.</param>
/// <param name="Request">An NDJSON row's <c>request</c>: the single-change API's request body, as it would be sent.</param>
/// <param name="Unreadable">Why the row could not be read at all.</param>
public sealed record RawBulkRow(int Line, IReadOnlyDictionary<string, string> Cells, JsonElement? Request, BulkRowProblem? Unreadable = null)
{
    public string? this[string column] => Cells.GetValueOrDefault(column);
}
