namespace Credit.Api.Agencies.Regions;

/// <summary>An <see cref="Area"/> as a SQL condition on the interception read model, so that a unit's snapshot and feed
/// leave the rows of other areas in the database. It lets through every row in the area and a few beyond it (it does not
/// ask which measures a hold's court stands behind, and counts municipal districts numbered 01 as naming no region); the
/// reader decides each row it returns with <see cref="Area"/>.</summary>
public static class AreaSql
{
    // Six digits naming a county-level area of a known province (RegionCodes.OfDocument), as a regular expression.
    private static readonly string CountyLevel =
        $"^({string.Join('|', Enumerable.Range(10, 90).Select(n => $"{n}").Where(p => RegionCodes.IsValidPrefix(p)))})[0-9]{{2}}(0[2-9]|[1-9][0-9])$";

    /// <summary>The condition for a row whose document is in <paramref name="documentType"/> and <paramref name="idNumber"/>
    /// and whose holds (JSON arrays) are in <paramref name="holdsColumns"/>; the patterns are bound to the parameters named
    /// <paramref name="regions"/> (<see cref="Area.RegionPatterns"/>) and <paramref name="courts"/> (<see cref="Area.CourtPatterns"/>).</summary>
    public static string Condition(string documentType, string idNumber, IReadOnlyList<string> holdsColumns, string regions, string courts)
    {
        var region = $"(CASE {documentType} WHEN 'ResidentId' THEN left({idNumber}, 6) WHEN 'CreditCode' THEN substr({idNumber}, 3, 6) END)";
        var byCourt = string.Join(" OR ", holdsColumns.Select(holds =>
            $"EXISTS (SELECT 1 FROM json_array_elements({holds}) h WHERE h->>'court' LIKE ANY({courts}))"));
        return $"({region} LIKE ANY({regions}) OR (({region} IS NULL OR {region} !~ '{CountyLevel}') AND ({byCourt})))";
    }
}
