using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Api.Subjects;

/// <summary>Collects every problem with a request, keyed by the field's JSON path, for one RFC 9457 answer.</summary>
public sealed class RequestErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string field, string rule)
    {
        if (!errors.TryGetValue(field, out var rules))
            errors[field] = rules = [];
        rules.Add(rule);
    }

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public T Required<T>(T? value, string field) where T : struct
    {
        if (value is null)
            Add(field, "is required");
        return value ?? default;
    }

    public T Required<T>(T? value, string field) where T : class
    {
        if (value is null)
            Add(field, "is required");
        return value!;
    }

    /// <summary>Every date a request carries lies in this window, checked before any rule of the law or any
    /// arithmetic sees it: birth dates of living people reach back to 1900, and no term of the law (a listing's
    /// five years at most, an exit ban's months) reaches past 2200. The law's own rules on each date follow.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    /// <inheritdoc cref="EarliestDate"/>
    public static readonly DateOnly LatestDate = new(2200, 12, 31);

    /// <summary>A date the request must carry.</summary>
    public DateOnly Date(DateOnly? value, string field)
    {
        if (value is null)
            Add(field, "is required");
        return OptionalDate(value, field) ?? default;
    }

    /// <summary>A date the request may leave out; null when it is left out or out of the window.</summary>
    public DateOnly? OptionalDate(DateOnly? value, string field)
    {
        if (value is not { } date)
            return null;
        if (date >= EarliestDate && date <= LatestDate)
            return date;
        Add(field, FormattableString.Invariant($"must be a date between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}"));
        return null;
    }

    public string Text(string? value, string field)
    {
        if (value is null)
            Add(field, "is required");
        return value ?? "";
    }

    public CaseNumber CaseNumber(string? value, string field = "caseNumber")
    {
        if (value is null)
            Add(field, "is required");
        else if (!Grains.Interfaces.Identifiers.CaseNumber.TryParse(value, out var number, out var error))
            Add(field, error);
        else
            return number;
        return default;
    }

    public ResidentId ResidentId(string? value, string field)
    {
        if (!Grains.Interfaces.Identifiers.ResidentId.TryParse(value, out var id, out var error))
            Add(field, $"is not a valid resident ID: {error}");
        return id;
    }

    public T Enum<T>(T? value, string field) where T : struct, Enum
    {
        if (value is null)
            Add(field, "is required");
        else if (!System.Enum.IsDefined(value.Value))
            Add(field, $"must be one of {string.Join(", ", System.Enum.GetNames<T>())}");
        return value ?? default;
    }
}
