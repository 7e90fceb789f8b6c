using Credit.Api.Problems;
using System.Globalization;
using System.Text.RegularExpressions;
using Credit.Grains.Interfaces.Identifiers;
using C = Credit.Api.Bulk.BulkColumns;

namespace Credit.Api.Bulk;

/// <summary>The cells of a flat row read as the values of the single-change API's request. A value a field cannot take (a
/// date not written yyyy-MM-dd, an unknown name) is a problem naming that field, as the API names it, with the rule the API
/// gives; the field is then left out, and the request's own "is required" for it is not reported again.</summary>
public sealed partial class Cells(RawBulkRow row)
{
    private readonly List<(string Field, string Rule)> problems = [];
    private readonly HashSet<string> unreadable = new(StringComparer.Ordinal);
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    public IReadOnlyList<(string Field, string Rule)> Problems => problems;

    /// <summary>Whether the request's own check of <paramref name="field"/> would only repeat a problem reported here.</summary>
    public bool WasUnreadable(string field) => unreadable.Contains(field);

    /// <summary>Whether any of the columns is filled; all of them count as read, so none is reported as a cell nobody took.</summary>
    public bool Has(params string[] columns)
    {
        var any = false;
        foreach (var column in columns)
            any |= Cell(column) is not null;
        return any;
    }

    public string? Text(string column) => Cell(column);

    /// <summary>The columns filled in this row that the row's action never read: a value there would be taken by nobody,
    /// and the court would believe it applied.</summary>
    public IEnumerable<string> FilledButNotRead() =>
        row.Cells.Where(cell => !string.IsNullOrWhiteSpace(cell.Value) && !read.Contains(cell.Key)).Select(cell => cell.Key);

    private string? Cell(string column)
    {
        read.Add(column);
        return row[column];
    }

    public DateOnly? Date(string column, string field) =>
        Read(column, field, written => DateShape().IsMatch(written.Trim())
                ? $"must be a date that exists, written yyyy-MM-dd; {written.Trim()} has no such day"
                : "must be a date written yyyy-MM-dd",
            text => DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (DateOnly?)null);

    /// <summary>Digits with an optional decimal part, the whole yuan optionally grouped by threes with commas (250,000.00);
    /// .NET's own parsing took commas anywhere, and "1,2,3" became 123 yuan.
    /// A fraction of more than two places other than zeros is refused with the fen rule here: a decimal holds 28 digits, and
    /// 250000.0000000000000000000000001 read as one would be 250000, an amount the rule lets through.</summary>
    public decimal? Amount(string column, string field) =>
        Read(column, field,
            written => AmountShape().IsMatch(written.Trim()) && FractionPlaces(written.Trim()) > 2 ? Grains.Interfaces.Text.TextRules.FenRule : "must be a number of yuan, e.g. 250000.00 or 250,000.00",
            text => AmountShape().IsMatch(text.Trim()) && FractionPlaces(text.Trim()) <= 2
            && decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : (decimal?)null);

    private static int FractionPlaces(string amount) =>
        amount.IndexOf('.', StringComparison.Ordinal) is var point and >= 0 ? amount.AsSpan(point + 1).TrimEnd('0').Length : 0;

    [GeneratedRegex(@"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")]
    private static partial Regex AmountShape();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateShape();

    public int? Whole(string column, string field) =>
        Read(column, field, "must be a whole number", text =>
            int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : (int?)null);

    public bool? Flag(string column, string field) =>
        Read(column, field, "must be true or false", text => text.Trim().ToLowerInvariant() switch
        {
            "true" or "是" => true,
            "false" or "否" => false,
            _ => (bool?)null,
        });

    public Guid? Id(string column, string field) =>
        Read(column, field, "must be an id such as 3f1c2a52-0c3e-4e0a-9d38-5b7a3c9e1f20", text => Guid.TryParse(text.Trim(), out var id) ? id : (Guid?)null);

    /// <summary>An enumeration by its API name, as the single-change API takes it (the same rule when it is not one).</summary>
    public T? Enum<T>(string column, string field) where T : struct, System.Enum =>
        Read(column, field, _ => $"must be one of {string.Join(", ", System.Enum.GetNames<T>())}", text =>
            ExactEnumNames.Parse<T>(text.Trim()));

    private T? Read<T>(string column, string field, string rule, Func<string, T?> parse) where T : struct =>
        Read(column, field, _ => rule, parse);

    /// <param name="rule">The rule the cell's text broke, made only when it broke one.</param>
    private T? Read<T>(string column, string field, Func<string, string> rule, Func<string, T?> parse) where T : struct
    {
        if (Cell(column) is not { } text)
            return null;
        if (parse(text) is { } value)
            return value;
        problems.Add((field, rule(text)));
        unreadable.Add(field);
        return null;
    }

    /// <summary>The entity's legal representative, the one responsible person a flat row names (consumption rules Art. 3 ¶2);
    /// other responsible persons are sent in an NDJSON row's request.</summary>
    public IReadOnlyList<Subjects.ResponsiblePersonRequest?>? LegalRepresentative() =>
        Has(C.LegalRepresentative, C.LegalRepresentativeNumber, C.LegalRepresentativeDocumentType)
            ? [new(Grains.Interfaces.Subjects.ResponsibleRole.LegalRepresentative, Text(C.LegalRepresentative),
                BulkActions.DocumentTypeSlug(Text(C.LegalRepresentativeDocumentType) ?? DocumentType.ResidentId.Slug()),
                Text(C.LegalRepresentativeNumber)?.Trim(), null, null)]
            : null;
}
