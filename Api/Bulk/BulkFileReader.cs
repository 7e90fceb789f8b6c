using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Credit.Grains.Interfaces.BulkJobs;
using CsvHelper;
using CsvHelper.Configuration;

namespace Credit.Api.Bulk;

/// <summary>Reads the rows of a bulk file, CSV (RFC 4180, a header naming <see cref="BulkColumns"/>) or NDJSON (one JSON object
/// a line: either flat with the same column names, or <c>action</c>, <c>documentType</c>, <c>number</c>, the target's
/// <c>itemId</c> or <c>caseNumber</c>, and the single-change API's <c>request</c> body). A file that is neither, has a header
/// that is not the column set, is not text in its <see cref="BulkFileEncoding"/>, or is too large throws
/// <see cref="BulkFileProblem"/>; a row that cannot be read is returned with its problem, and the rest of the file goes on.
/// </summary>
public sealed class BulkFileReader(LimitedBody body, BulkFileFormat format, BulkFileEncoding encoding, BulkIntakeOptions limits)
{
    private const string RequestMember = "request";

    public async IAsyncEnumerable<RawBulkRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = new StreamReader(body, encoding.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        var rows = format == BulkFileFormat.Csv ? ReadCsvAsync(text, cancellationToken) : ReadNdjsonAsync(text, cancellationToken);
        var (count, lastLine) = (0, 1);
        await using var enumerator = rows.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync())
                    break;
            }
            catch (DecoderFallbackException)
            {
                throw encoding.Undecodable(body.Evidence, lastLine);
            }
            catch (BulkFileProblem) when (encoding.Utf8MarkBeforeGb18030(body.Evidence) is { } marked)
            {
                throw marked;
            }
            if (++count > limits.MaxRows)
                throw new BulkFileProblem(StatusCodes.Status413PayloadTooLarge, "body", $"must hold at most {limits.MaxRows} rows; split the file");
            lastLine = enumerator.Current.Line;
            yield return enumerator.Current;
        }
        if (count == 0)
            throw BulkFileProblem.Invalid("body", "holds no rows");
        if (encoding.Doubted(body.Evidence) is { } doubtful)
            throw doubtful;
    }

    private static async IAsyncEnumerable<RawBulkRow> ReadCsvAsync(StreamReader text, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? badData = null;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = found => badData ??= found.Field,
            DetectColumnCountChanges = false,
        };
        using var csv = new CsvParser(text, configuration);
        if (!await csv.ReadAsync())
            throw BulkFileProblem.Invalid("body", "holds no rows");
        var columns = Header(csv.Record ?? []);
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = csv.Record ?? [];
            // A quoted field may span lines: the row is counted from the line it starts on.
            var spanned = LineBreaks(csv.RawRecord.TrimEnd('\r', '\n'));
            var line = csv.RawRow - spanned;
            if (badData is not null && spanned > 0)
                throw await UnclosedQuoteAsync(csv, line, spanned);
            if (record.All(string.IsNullOrWhiteSpace))
                continue;
            // The cells the header places are kept even on a row that cannot be read, so that its report line names the
            // subject the clerk is to look for.
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < Math.Min(columns.Length, record.Length); i++)
            {
                if (!string.IsNullOrWhiteSpace(record[i]))
                    cells[columns[i]] = record[i];
            }
            if (badData is not null)
            {
                yield return Unreadable(line, "row", "is not well-formed CSV (RFC 4180): a quote inside an unquoted field, or a quoted field not closed", cells);
                badData = null;
                continue;
            }
            if (record.Length != columns.Length)
            {
                yield return Unreadable(line, "row", $"has {record.Length} fields; the header names {columns.Length}", cells);
                continue;
            }
            yield return new RawBulkRow(line, cells, null);
        }
    }

    /// <summary>The line breaks in a record's text as the parser counts lines: CR LF, a CR alone, or an LF alone.</summary>
    private static int LineBreaks(string text)
    {
        var breaks = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
                breaks++;
        }
        return breaks;
    }

    /// <summary>A quote that opens a field and is not closed where the field ends: the parser reads on, across the lines after
    /// it, to the next quote or the end of the file, and those lines' rows would be lost inside one field. The file is refused
    /// naming the lines, for nothing in it to be stored without the court knowing.</summary>
    private static async Task<BulkFileProblem> UnclosedQuoteAsync(CsvParser csv, int line, int spanned)
    {
        // At the end of the file the parser counts one line more for the newline inside the still-open field.
        var overcounted = csv.RawRecord.EndsWith('\n') && !await csv.ReadAsync() ? 1 : 0;
        var (first, last) = (line - overcounted, line - overcounted + spanned);
        return BulkFileProblem.Invalid("body", $"is not well-formed CSV (RFC 4180): the quoted field opened on line {first} is not closed " +
            $"where it should be, and lines {first} to {last} were read as one row; add the missing quote (or double a quote inside a " +
            "quoted field) and send the file again");
    }

    /// <summary>The columns the header names, in its order; anything else refuses the file.</summary>
    private static string[] Header(string[] header)
    {
        if (header.Length > 0)
            header[0] = header[0].TrimStart('\uFEFF');
        var columns = header.Select(h => BulkColumns.Find(h)).ToArray();
        var unknown = header.Where((h, i) => columns[i] is null).ToList();
        if (unknown.Count > 0)
            throw BulkFileProblem.Invalid("header", $"names columns that are not in the column set: {string.Join(", ", unknown.Select(u => $"'{u}'"))}; " +
                $"the columns are {string.Join(", ", BulkColumns.All.Select(c => c.Name))} (or their Chinese headers)");
        var twice = columns.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key!).ToList();
        if (twice.Count > 0)
            throw BulkFileProblem.Invalid("header", $"names a column twice: {string.Join(", ", twice.Select(BulkColumns.Describe))}");
        var missing = BulkColumns.Required.Where(r => !columns.Contains(r)).ToList();
        if (missing.Count > 0)
            throw BulkFileProblem.Invalid("header", $"must name the columns {string.Join(", ", missing.Select(BulkColumns.Describe))}");
        return columns!;
    }

    private static async IAsyncEnumerable<RawBulkRow> ReadNdjsonAsync(StreamReader text, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (line, first) = (0, true);
        while (await text.ReadLineAsync(cancellationToken) is { } content)
        {
            line++;
            if (first)
                content = content.TrimStart('\uFEFF');
            if (string.IsNullOrWhiteSpace(content))
                continue;
            JsonDocument? document = null;
            try
            {
                document = JsonDocument.Parse(content);
            }
            catch (JsonException)
            {
            }
            if (document?.RootElement.ValueKind != JsonValueKind.Object)
            {
                document?.Dispose();
                if (first)
                    throw BulkFileProblem.Invalid("body", "is not NDJSON: its first line is not a JSON object (send CSV as text/csv)");
                yield return Unreadable(line, "row", "is not a JSON object on one line (NDJSON)");
                continue;
            }
            first = false;
            using (document)
                yield return Row(line, document.RootElement);
        }
    }

    private static RawBulkRow Row(int line, JsonElement row)
    {
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonElement? request = null;
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in row.EnumerateObject())
        {
            var column = BulkColumns.Find(member.Name);
            // JSON lets a name come twice and the last one win; a row saying two numbers says neither.
            if (!named.Add(column ?? member.Name))
                return Unreadable(line, member.Name, "is given twice in the row", cells);
            if (member.Name == RequestMember)
            {
                request = member.Value.Clone();
                continue;
            }
            if (column is null)
                return Unreadable(line, member.Name, $"is not a column of a bulk file; the columns are {string.Join(", ", BulkColumns.All.Select(c => c.Name))}, and {RequestMember}", cells);
            if (member.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                return Unreadable(line, member.Name, $"must be a string, a number or true/false; the single-change request's objects go in {RequestMember}", cells);
            // A name sent as true or 123 is no name, though its text would pass for one; numbers only where digits are meant.
            if (member.Value.ValueKind is JsonValueKind.True or JsonValueKind.False && !FlagColumns.Contains(column)
                || member.Value.ValueKind is JsonValueKind.Number && !NumberColumns.Contains(column))
                return Unreadable(line, member.Name, "must be a string", cells);
            var value = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()
                : member.Value.ValueKind == JsonValueKind.Null ? null
                : member.Value.GetRawText();
            if (!string.IsNullOrWhiteSpace(value))
                cells[column] = value;
        }
        return new RawBulkRow(line, cells, request);
    }

    private static readonly HashSet<string> FlagColumns = [BulkColumns.ConfirmCreditCodeCheckOverride, BulkColumns.KeepConsumptionRestriction];

    private static readonly HashSet<string> NumberColumns = [BulkColumns.Number, BulkColumns.AmountOwed, BulkColumns.AmountPerformed];

    /// <summary>A row that cannot be read, with the cells read before its fault so that its report line names what it can. The
    /// field may be a member name the file made up, shown as the report shows the file's text.</summary>
    private static RawBulkRow Unreadable(int line, string field, string rule, Dictionary<string, string>? cells = null) =>
        new(line, cells ?? [], null, new BulkRowProblem(nameof(Grains.Interfaces.Subjects.RefusalKind.Invalid), ShownText.Of(field), rule));
}

public enum BulkFileFormat
{
    Csv,
    Ndjson,
}
