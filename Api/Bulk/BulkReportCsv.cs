using System.Globalization;
using System.Text;
using Credit.ReadModels.BulkJobs;
using CsvHelper;

namespace Credit.Api.Bulk;

/// <summary>Writes a job's report: one line per row, and one per further problem of a row refused for several. The columns
/// name the row (its line, action and subject), its outcome, the item it made or changed, and for a refused row the kind of
/// refusal (as the single-change API's status: Invalid 400, Forbidden 403, NotFound 404, Conflict 409), the field and the rule.</summary>
public static class BulkReportCsv
{
    public static readonly string[] Columns = ["line", "action", "documentType", "number", "outcome", "itemId", "kind", "field", "rule"];

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<BulkReportRow> rows, CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(text, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var column in Columns)
            csv.WriteField(column);
        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var problems = row.Problems.Count == 0 ? [null] : row.Problems.Select(p => p).Cast<Grains.Interfaces.BulkJobs.BulkRowProblem?>().ToList();
            foreach (var problem in problems)
            {
                csv.WriteField(row.Line.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(row.Action);
                csv.WriteField(row.DocumentType);
                csv.WriteField(row.Number);
                csv.WriteField(row.Outcome.ToString());
                csv.WriteField(row.ItemId?.ToString() ?? "");
                csv.WriteField(problem?.Kind ?? "");
                csv.WriteField(problem?.Field ?? "");
                csv.WriteField(problem?.Rule ?? "");
                await csv.NextRecordAsync();
            }
        }
        await csv.FlushAsync();
        await text.FlushAsync(cancellationToken);
    }
}
