using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Credit.Api.Problems;

/// <summary>Takes a fractional number in the query string only as a finite number with a point for its decimals, for every
/// endpoint with a <see cref="double"/> query parameter. The framework binds one with <c>double.TryParse</c> in the invariant
/// culture, which reads <c>23,1</c> as 231 (a thousands separator) and <c>lat=23&amp;lat=1</c>, joined with a comma, as 231
/// too, takes <c>NaN</c>, <c>Infinity</c> and <c>1e309</c> for numbers, and leaves a handler to call a value it was given
/// missing. Checked before binding by <see cref="StrictQueryValues"/>.</summary>
public static class QueryNumbers
{
    public const string Rule = "is not a number: write it with a point for the decimals and no thousands separator, e.g. 23.1291";

    public static IEnumerable<string> Broken(StringValues values)
    {
        if (values.Count > 1)
            return [BadRequestExceptionHandler.DuplicateRule];
        return values.Count == 1 && !string.IsNullOrEmpty(values[0])
            && !(double.TryParse(values[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            ? [Rule]
            : [];
    }
}
