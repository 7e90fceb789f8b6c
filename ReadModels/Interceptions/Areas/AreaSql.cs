namespace Credit.ReadModels.Interceptions.Areas;

/// <summary>An <see cref="Area"/> as a SQL condition on the interception read model, so that a unit's snapshot and feed leave
/// the rows of other areas in the database. It lets through every row in the area and a few beyond it (it does not ask
/// which measures a hold's court stands behind); the reader decides each row it returns with <see cref="Area"/>.</summary>
/// <remarks>Plain comparisons on the ID number decide almost every row; the holds are read only for the few whose
/// document leaves it to the courts. A correlated subquery over the holds would have PostgreSQL plan a costly scan (JIT
/// compilation, no parallel workers) for every row, which made a district's snapshot slower than the whole city's.</remarks>
public static class AreaSql
{
    /// <summary>How many parameters <see cref="Condition"/> takes, in the order of <see cref="Parameters"/>.</summary>
    public const int ParameterCount = 5;

    /// <summary>The condition for a row whose document is in the columns <paramref name="documentType"/> and
    /// <paramref name="idNumber"/> and whose holds (JSON arrays) are in <paramref name="holdsColumns"/>, with
    /// <see cref="Parameters"/> bound from <c>$<paramref name="first"/></c> on.</summary>
    public static string Condition(string documentType, string idNumber, IReadOnlyList<string> holdsColumns, int first)
    {
        string residentIds = $"${first}", creditCodes = $"${first + 1}", residentCities = $"${first + 2}", creditCities = $"${first + 3}", courts = $"${first + 4}";
        var byCourt = string.Join(" OR ", holdsColumns.Select(holds => $"jsonb_path_exists({holds}::jsonb, {courts}::jsonpath)"));
        return $$"""
            (({{documentType}} = 'ResidentId' AND {{idNumber}} LIKE ANY({{residentIds}}))
             OR ({{documentType}} = 'CreditCode' AND {{idNumber}} LIKE ANY({{creditCodes}}))
             OR (({{documentType}} NOT IN ('ResidentId', 'CreditCode')
                  OR ({{documentType}} = 'ResidentId' AND {{idNumber}} LIKE ANY({{residentCities}}))
                  OR ({{documentType}} = 'CreditCode' AND ({{idNumber}} LIKE ANY({{creditCities}}) OR substr({{idNumber}}, 3, 6) !~ '^[0-9]{6}$')))
                 AND ({{byCourt}})))
            """;
    }

    /// <summary>The values of <see cref="Condition"/>'s parameters for <paramref name="area"/>: LIKE patterns of the region
    /// digits (a resident ID begins with them, a credit code has them from its third character), of the city-wide codes
    /// of the area's cities, and a JSON path that finds a hold of a court of the area.</summary>
    public static object[] Parameters(Area area)
    {
        var cityWide = area.Cities.SelectMany(city => new[] { city + "00", city + "01" }).ToArray();
        var courts = string.Join('|', area.Prefixes.Select(RegionCodes.CourtPrefixOf));
        return
        [
            area.Prefixes.Select(p => p + "%").ToArray(),
            area.Prefixes.Select(p => "__" + p + "%").ToArray(),
            cityWide.Select(c => c + "%").ToArray(),
            cityWide.Select(c => "__" + c + "%").ToArray(),
            $"$[*].court ? (@ like_regex \"^({courts})\")",
        ];
    }
}
