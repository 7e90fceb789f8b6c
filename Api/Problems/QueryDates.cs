using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Credit.Api.Problems;

/// <summary>Takes a date in the query string only as yyyy-MM-dd, for every endpoint with a <see cref="DateOnly"/> query
/// parameter. The framework binds one with <c>DateOnly.TryParse</c> in the invariant culture, which also reads <c>2026-12</c>
/// as 1 December, <c>01/12/2026</c> as 12 January and <c>1 Dec 2026</c>: a report for days the clerk did not ask for, answered
/// 200. Checked before binding by <see cref="StrictQueryValues"/>.</summary>
public static class QueryDates
{
    public const string Rule = "must be a date as yyyy-MM-dd, e.g. 2026-12-01";

    /// <summary>The rule once for each value that breaks it.</summary>
    public static IEnumerable<string> Broken(StringValues values) =>
        values.Where(value => !string.IsNullOrEmpty(value)
            && !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)).Select(_ => Rule);
}
