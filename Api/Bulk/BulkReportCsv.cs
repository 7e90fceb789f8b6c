using System.Globalization;
using System.Text;
using Credit.ReadModels.BulkJobs;
using CsvHelper;
using CsvHelper.Configuration;

namespace Credit.Api.Bulk;

/// <summary>Writes a job's report: one line per row, and one per further problem of a row refused for several. The columns
/// name the row (its line, action and subject), its outcome, the item it made or changed, and for a refused row the kind of
/// refusal (as the single-change API's status: Invalid 400, Forbidden 403, NotFound 404, Conflict 409), the field and the rule,
/// and the file's column that field comes from, with its Chinese header.</summary>
public static class BulkReportCsv
{
    public static readonly string[] Columns = ["line", "action", "documentType", "number", "outcome", "itemId", "kind", "field", "rule", "column"];

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<BulkReportRow> rows, CancellationToken cancellationToken)
    {
        // With the byte-order mark, Excel on Chinese Windows reads the report as UTF-8 rather than GBK.
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        // The action, document type and number are echoed as the file gave them: a cell starting = + - @ would be a formula
        // that Excel runs when the clerk opens the report, so it is written with a leading apostrophe.
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };
        await using var csv = new CsvWriter(text, configuration, leaveOpen: true);
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
                csv.WriteField(problem is { Field: var field } && BulkColumns.OfField(field) is { } column ? BulkColumns.Describe(column) : "");
                await csv.NextRecordAsync();
            }
        }
        await csv.FlushAsync();
        await text.FlushAsync(cancellationToken);
    }
}
