using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Credit.Grains.Interfaces.BulkJobs;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Net.Http.Headers;

namespace Credit.Api.Bulk;

/// <summary>Reads the rows of a bulk file, CSV (RFC 4180, a header naming <see cref="BulkColumns"/>) or NDJSON (one JSON object
/// a line: either flat with the same column names, or <c>action</c>, <c>documentType</c>, <c>number</c>, the target's
/// <c>itemId</c> or <c>caseNumber</c>, and the single-change API's <c>request</c> body). A file that is neither, has a header
/// that is not the column set, is not text in its <see cref="BulkFileEncoding"/>, or is too large throws
/// <see cref="BulkFileProblem"/>; a row that cannot be read is returned with its problem, and the rest of the file goes on.
/// </summary>
public sealed class BulkFileReader(HashingStream body, BulkFileFormat format, BulkFileEncoding encoding, BulkIntakeOptions limits)
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
                throw Utf8MarkBeforeGb18030() ?? MisdeclaredUtf8() ?? BulkFileProblem.Invalid("body", encoding.NotThisEncoding(body.Evidence, lastLine));
            }
            catch (BulkFileProblem) when (Utf8MarkBeforeGb18030() is { } marked)
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
        if ((MisdeclaredUtf8() ?? PerhapsGbk()) is { } doubtful)
            throw doubtful;
    }

    /// <summary>Read as GB18030, UTF-8's byte-order mark is two characters before the first header (锘縜ction), which then
    /// names no column, or breaks the characters after it.</summary>
    private BulkFileProblem? Utf8MarkBeforeGb18030() => !encoding.IsUtf8 && body.Evidence.StartsWithUtf8Mark
        ? BulkFileProblem.Invalid(HeaderNames.ContentType, $"names the charset {encoding.Name}, but the file starts with UTF-8's byte-order mark: " +
            "send it with charset=utf-8 if it is UTF-8, or save it again without the mark if it is GBK")
        : null;

    private BulkFileProblem? MisdeclaredUtf8() => !encoding.IsUtf8 && body.Evidence.IsUtf8WithWideCharacters
        ? BulkFileProblem.Invalid(HeaderNames.ContentType, $"names the charset {encoding.Name}, but the file is UTF-8 text (its bytes read as UTF-8, " +
            $"and as {encoding.Name} its Chinese characters would be garbled); send it with charset=utf-8 or with no charset")
        : null;

    /// <summary>A file sent without a charset that reads as UTF-8 only as two-byte letters, never as a Chinese character, is
    /// likely GBK (佟伟伟 in GBK reads as "١ΰΰ"); the court says which.</summary>
    private BulkFileProblem? PerhapsGbk() => !encoding.Declared && body.Evidence.IsUtf8OnlyTwoByte
        ? BulkFileProblem.Invalid(HeaderNames.ContentType, "must name the file's charset: its bytes read as UTF-8 only as Latin, Greek, Cyrillic or " +
            "Arabic letters and never as a Chinese character, which is how a GBK file (Excel's 'CSV (逗号分隔)') looks read as UTF-8. Send it " +
            "as 'text/csv; charset=gb18030' if it is GBK, or with charset=utf-8 if it is UTF-8")
        : null;

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
            // JSON lets a name come twice and the last one win; a row saying two numbers says neither.
            if (!named.Add(BulkColumns.Find(member.Name) ?? member.Name))
                return Unreadable(line, member.Name, "is given twice in the row", cells);
            if (member.Name == RequestMember)
            {
                request = member.Value.Clone();
                continue;
            }
            if (BulkColumns.Find(member.Name) is not { } column)
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
        // Beside a request only what names the row's subject and target may stand; a name or an amount there would be read
        // by nobody, and the court would believe it applied.
        if (request is not null && cells.Keys.FirstOrDefault(c => !BesideRequest.Contains(c)) is { } ignored)
            return Unreadable(line, ignored, $"must not be given beside {RequestMember}: put it in {RequestMember}, or send the row flat without {RequestMember}", cells);
        return new RawBulkRow(line, cells, request);
    }

    private static readonly HashSet<string> FlagColumns = [BulkColumns.ConfirmCreditCodeCheckOverride, BulkColumns.KeepConsumptionRestriction];

    private static readonly HashSet<string> NumberColumns = [BulkColumns.Number, BulkColumns.AmountOwed, BulkColumns.AmountPerformed];

    private static readonly HashSet<string> BesideRequest =
        [BulkColumns.Action, BulkColumns.DocumentType, BulkColumns.Number, BulkColumns.ItemId, BulkColumns.CaseNumber];

    /// <summary>A row that cannot be read, with the cells read before its fault so that its report line names what it can. The
    /// field may be a member name the file made up: a NUL in it is shown as ␀, as in the report's other cells.</summary>
    private static RawBulkRow Unreadable(int line, string field, string rule, Dictionary<string, string>? cells = null) =>
        new(line, cells ?? [], null, new BulkRowProblem(nameof(Grains.Interfaces.Subjects.RefusalKind.Invalid), field.Replace('\0', '\u2400'), rule));
}

public enum BulkFileFormat
{
    Csv,
    Ndjson,
}
