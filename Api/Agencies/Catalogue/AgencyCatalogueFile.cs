using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Credit.ReadModels.Interceptions.Areas;

namespace Credit.Api.Agencies.Catalogue;

/// <summary>Reads the operator's catalogue file and checks every rule before anything is built from it, so
/// a mistake is refused whole, with each entry at fault and its rule named, and never half-applied.</summary>
public static partial class AgencyCatalogueFile
{
    /// <summary>Longest agency or category code: agency codes are path segments of the agencies' URLs.</summary>
    public const int LongestCode = 64;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Operators edit the file by hand: comments and a trailing comma are no reason to refuse it,
        // but a misspelt property is (it would silently drop what the operator meant to say).
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Agency codes appear in URLs (<c>/api/v1/agencies/{code}/...</c>): lower-case ASCII words
    /// joined by single hyphens. Category codes follow the same form.</summary>
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KebabCase();

    /// <summary>Measure codes are upper-case letters followed by digits, e.g. <c>C01</c>.</summary>
    [GeneratedRegex("^[A-Z]+[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex MeasureCode();

    // The file as written, every member optional, so that a missing one is reported by entry and rule
    // rather than as a serializer error; enumerations as text, so an unknown name is reported the same way.
    private sealed record FileShape(List<CategoryEntry?>? Categories, List<MeasureEntry?>? Measures, List<AgencyEntry?>? Agencies);

    private sealed record CategoryEntry(string? Code, string? TitleZh, string? TitleEn);

    private sealed record MeasureEntry(string? Code, string? Category, string? TitleZh, string? TitleEn, string? LegalBasis, string? Trigger);

    private sealed record AgencyEntry(string? Code, string? NameZh, string? NameEn, List<string?>? Measures, List<string?>? Fields, List<UnitEntry?>? Units);

    private sealed record UnitEntry(string? Code, string? NameZh, string? NameEn, List<string?>? Regions);

    /// <summary>Reads and checks the file at <paramref name="path"/>.</summary>
    /// <exception cref="AgencyCatalogueException">The file cannot be read or breaks a rule.</exception>
    public static AgencyCatalogue Read(string path) => Parse(ReadText(path), path);

    /// <summary>The file's text, or the reason it cannot be read as the one problem.</summary>
    /// <exception cref="AgencyCatalogueException">The file cannot be read.</exception>
    public static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new AgencyCatalogueException(path, [$"the file cannot be read: {exception.Message}"]);
        }
    }

    /// <summary>Checks the catalogue text; <paramref name="source"/> names it in the error (usually its path).</summary>
    /// <exception cref="AgencyCatalogueException">The text breaks a rule.</exception>
    public static AgencyCatalogue Parse(string json, string source)
    {
        FileShape? file;
        try
        {
            file = JsonSerializer.Deserialize<FileShape>(json, Json);
        }
        catch (JsonException exception)
        {
            throw new AgencyCatalogueException(source, [$"not a catalogue in JSON: {exception.Message}"]);
        }
        if (file is null)
            throw new AgencyCatalogueException(source, ["the file holds null instead of an object with categories, measures and agencies"]);

        List<CategoryEntry?> categoryEntries = file.Categories ?? [];
        List<MeasureEntry?> measureEntries = file.Measures ?? [];
        List<AgencyEntry?> agencyEntries = file.Agencies ?? [];
        var problems = new List<string>();
        if (categoryEntries.Count == 0)
            problems.Add("categories: the file has none");
        if (measureEntries.Count == 0)
            problems.Add("measures: the file has none");
        if (agencyEntries.Count == 0)
            problems.Add("agencies: the file has none");

        // References are checked against every code the file declares, so that one broken entry is
        // reported once, not again by everything that refers to it.
        var categoryCodes = categoryEntries.Select(c => c?.Code).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var measureCodes = measureEntries.Select(m => m?.Code).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var categories = Categories(categoryEntries, problems);
        var measures = Measures(measureEntries, categoryCodes, problems);
        var agencies = Agencies(agencyEntries, measureCodes, problems);

        // Every category and every measure must be in use: an unused one is almost always a typo elsewhere.
        var usedCategories = measureEntries.Select(m => m?.Category).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var usedMeasures = agencyEntries.SelectMany(a => a?.Measures ?? []).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var category in categories.Where(c => !usedCategories.Contains(c.Code)))
            problems.Add($"category '{category.Code}': has no measure");
        foreach (var measure in measures.Where(m => !usedMeasures.Contains(m.Code)))
            problems.Add($"measure '{measure.Code}': is enforced by no agency");

        if (problems.Count > 0)
            throw new AgencyCatalogueException(source, problems);
        return new AgencyCatalogue(categories, measures, agencies);
    }

    private static List<MeasureCategory> Categories(List<CategoryEntry?> entries, List<string> problems)
    {
        var categories = new List<MeasureCategory>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index];
            var name = EntryName("category", index, entry?.Code);
            if (entry is null)
            {
                problems.Add($"{name}: is null");
                continue;
            }
            var valid = Code(name, entry.Code, KebabCase(), "lower-case ASCII words joined by hyphens, e.g. market-access", codes, problems);
            valid &= Text(name, "titleZh", entry.TitleZh, problems);
            valid &= Text(name, "titleEn", entry.TitleEn, problems);
            if (valid)
                categories.Add(new MeasureCategory(entry.Code!, entry.TitleZh!, entry.TitleEn!));
        }
        return categories;
    }

    private static List<Measure> Measures(List<MeasureEntry?> entries, HashSet<string> categories, List<string> problems)
    {
        var measures = new List<Measure>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index];
            var name = EntryName("measure", index, entry?.Code);
            if (entry is null)
            {
                problems.Add($"{name}: is null");
                continue;
            }
            var valid = Code(name, entry.Code, MeasureCode(), "upper-case letters followed by digits, e.g. C01", codes, problems);
            if (string.IsNullOrWhiteSpace(entry.Category))
            {
                problems.Add($"{name}: category is missing");
                valid = false;
            }
            else if (!categories.Contains(entry.Category))
            {
                problems.Add($"{name}: category '{entry.Category}' is not among the categories");
                valid = false;
            }
            valid &= Text(name, "titleZh", entry.TitleZh, problems);
            valid &= Text(name, "titleEn", entry.TitleEn, problems);
            valid &= Text(name, "legalBasis", entry.LegalBasis, problems);
            var trigger = Named<MeasureTrigger>(name, "trigger", entry.Trigger, problems);
            if (valid && trigger is { } known)
                measures.Add(new Measure(entry.Code!, entry.Category!, entry.TitleZh!, entry.TitleEn!, entry.LegalBasis!, known));
        }
        return measures;
    }

    private static List<Agency> Agencies(List<AgencyEntry?> entries, HashSet<string> measures, List<string> problems)
    {
        var agencies = new List<Agency>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index];
            var name = EntryName("agency", index, entry?.Code);
            if (entry is null)
            {
                problems.Add($"{name}: is null");
                continue;
            }
            var valid = Code(name, entry.Code, KebabCase(), "lower-case ASCII words joined by hyphens (it is part of the agency's URLs), e.g. border-inspection", codes, problems);
            valid &= Text(name, "nameZh", entry.NameZh, problems);
            valid &= Text(name, "nameEn", entry.NameEn, problems);

            var enforced = new List<string>();
            if (entry.Measures is null or [])
            {
                problems.Add($"{name}: enforces no measure");
                valid = false;
            }
            foreach (var code in entry.Measures ?? [])
            {
                if (string.IsNullOrWhiteSpace(code))
                    problems.Add($"{name}: a measure code is empty");
                else if (enforced.Contains(code))
                    problems.Add($"{name}: measure '{code}' is listed twice");
                else if (!measures.Contains(code))
                    problems.Add($"{name}: measure '{code}' is not in the catalogue");
                else
                {
                    enforced.Add(code);
                    continue;
                }
                valid = false;
            }

            // An agency may receive no field beyond the ID and its measures: the list may be empty, not absent.
            var fields = new List<AgencyField>();
            if (entry.Fields is null)
            {
                problems.Add($"{name}: fields is missing (give [] for an agency that needs only the ID number)");
                valid = false;
            }
            foreach (var text in entry.Fields ?? [])
            {
                if (Named<AgencyField>(name, "field", text, problems) is not { } field)
                    valid = false;
                else if (fields.Contains(field))
                {
                    problems.Add($"{name}: field '{field}' is listed twice");
                    valid = false;
                }
                else
                    fields.Add(field);
            }

            var units = Units(name, entry.Units, problems);
            if (valid && units is not null)
                agencies.Add(new Agency(entry.Code!, entry.NameZh!, entry.NameEn!, enforced, fields, units));
        }
        return agencies;
    }

    /// <summary>The agency's units, none when the file gives none; null when one of them breaks a rule.</summary>
    private static List<AgencyUnit>? Units(string agency, List<UnitEntry?>? entries, List<string> problems)
    {
        if (entries is null)
            return [];
        var units = new List<AgencyUnit>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var valid = true;
        if (entries.Count == 0)
        {
            problems.Add($"{agency}: units is empty (leave it out for an agency that serves its whole registry area)");
            valid = false;
        }
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index];
            var name = $"{agency}, {EntryName("unit", index, entry?.Code)}";
            if (entry is null)
            {
                problems.Add($"{name}: is null");
                valid = false;
                continue;
            }
            var unitValid = Code(name, entry.Code, KebabCase(), "lower-case ASCII words joined by hyphens, e.g. liwan", codes, problems);
            unitValid &= Text(name, "nameZh", entry.NameZh, problems);
            unitValid &= Text(name, "nameEn", entry.NameEn, problems);
            var regions = new List<string>();
            if (entry.Regions is null or [])
            {
                problems.Add($"{name}: has no regions (a unit receives only the subjects of its area)");
                unitValid = false;
            }
            foreach (var region in entry.Regions ?? [])
            {
                if (!RegionCodes.IsValidPrefix(region))
                    problems.Add($"{name}: region '{region}' is not a region code of 2, 4 or 6 digits under a known province (GB/T 2260), e.g. 440103");
                else if (regions.Contains(region))
                    problems.Add($"{name}: region '{region}' is listed twice");
                else
                {
                    regions.Add(region);
                    continue;
                }
                unitValid = false;
            }
            if (unitValid)
                units.Add(new AgencyUnit(entry.Code!, entry.NameZh!, entry.NameEn!, regions));
            valid &= unitValid;
        }
        return valid ? units : null;
    }

    private static string EntryName(string kind, int index, string? code) =>
        string.IsNullOrWhiteSpace(code) ? $"{kind} #{index + 1}" : $"{kind} '{code}'";

    private static bool Code(string name, string? code, Regex form, string formText, HashSet<string> seen, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            problems.Add($"{name}: code is missing");
            return false;
        }
        if (code.Length > LongestCode || !form.IsMatch(code))
        {
            problems.Add($"{name}: code must be {formText}, at most {LongestCode} characters");
            return false;
        }
        if (!seen.Add(code))
        {
            problems.Add($"{name}: code is used twice");
            return false;
        }
        return true;
    }

    private static bool Text(string name, string member, string? value, List<string> problems)
    {
        if (!string.IsNullOrWhiteSpace(value))
            return true;
        problems.Add($"{name}: {member} is empty");
        return false;
    }

    /// <summary>An enumeration member by its exact name; numbers and other spellings are refused, so that
    /// the file reads the same to every operator.</summary>
    private static T? Named<T>(string name, string member, string? value, List<string> problems) where T : struct, Enum
    {
        if (value is not null && Enum.GetNames<T>().Contains(value, StringComparer.Ordinal))
            return Enum.Parse<T>(value);
        problems.Add(value is null
            ? $"{name}: {member} is missing"
            : $"{name}: {member} '{value}' is not one of {string.Join(", ", Enum.GetNames<T>())}");
        return null;
    }
}
