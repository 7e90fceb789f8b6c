using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credit.Grains.Interfaces.Time;

/// <summary>Reads the court administrator's working-day calendar and checks every rule before it is put in force, so a
/// mistake is refused whole, each entry at fault named.</summary>
public static class WorkingDayCalendarFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private sealed record FileShape(List<YearEntry?>? Years);

    private sealed record YearEntry(int? Year, string? Source, List<HolidayEntry?>? Holidays, List<DateOnly>? MakeUpWorkingDays);

    private sealed record HolidayEntry(string? Name, DateOnly? From, DateOnly? To);

    /// <exception cref="CalendarFileException">The text breaks a rule.</exception>
    public static WorkingDayCalendar Parse(string json, string source)
    {
        FileShape? file;
        try
        {
            file = JsonSerializer.Deserialize<FileShape>(json, Json);
        }
        catch (JsonException exception)
        {
            throw new CalendarFileException(source, [$"not a working-day calendar in JSON: {exception.Message}"]);
        }
        if (file?.Years is null)
            throw new CalendarFileException(source, ["the file must hold an object with \"years\""]);

        var problems = new List<string>();
        var years = new List<CalendarYear>();
        foreach (var (entry, i) in file.Years.Select((e, i) => (e, i)))
        {
            var at = $"years[{i}]";
            if (entry is null)
            {
                problems.Add($"{at}: is null");
                continue;
            }
            if (entry.Year is not (>= 2000 and <= 2200) || entry.Year is not { } year)
            {
                problems.Add($"{at}.year: must be a year from 2000 to 2200");
                continue;
            }
            at = $"years[{i}] ({year})";
            if (years.Any(y => y.Year == year))
                problems.Add($"{at}.year: is given twice");
            if (string.IsNullOrWhiteSpace(entry.Source))
                problems.Add($"{at}.source: must name the notice the year was taken from");
            if (entry.Holidays is not { Count: > 0 })
                problems.Add($"{at}.holidays: must list the year's public holidays (every year has them)");
            var holidays = new HashSet<DateOnly>();
            foreach (var (holiday, h) in (entry.Holidays ?? []).Select((e, h) => (e, h)))
            {
                var hat = $"{at}.holidays[{h}]";
                if (holiday is null || string.IsNullOrWhiteSpace(holiday.Name) || holiday.From is not { } from || holiday.To is not { } to)
                {
                    problems.Add($"{hat}: needs a name, from and to");
                    continue;
                }
                if (from.Year != year || to.Year != year || to < from || to.DayNumber - from.DayNumber > 15)
                {
                    problems.Add($"{hat}: from {from:yyyy-MM-dd} to {to:yyyy-MM-dd} must lie in {year}, in order, at most 16 days");
                    continue;
                }
                for (var day = from; day <= to; day = day.AddDays(1))
                    holidays.Add(day);
            }
            var makeUp = new HashSet<DateOnly>();
            foreach (var day in entry.MakeUpWorkingDays ?? [])
            {
                if (day.Year != year)
                    problems.Add($"{at}.makeUpWorkingDays: {day:yyyy-MM-dd} is not in {year}");
                else if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                    problems.Add($"{at}.makeUpWorkingDays: {day:yyyy-MM-dd} is a {day.DayOfWeek}, a working day anyway; only a Saturday or Sunday is made a working day");
                else if (holidays.Contains(day))
                    problems.Add($"{at}.makeUpWorkingDays: {day:yyyy-MM-dd} is also inside a holiday");
                else if (!makeUp.Add(day))
                    problems.Add($"{at}.makeUpWorkingDays: {day:yyyy-MM-dd} is given twice");
            }
            years.Add(new CalendarYear(year, entry.Source?.Trim() ?? "", holidays, makeUp));
        }
        if (problems.Count > 0)
            throw new CalendarFileException(source, problems);
        return new WorkingDayCalendar(years);
    }
}

/// <summary>What a calendar file failed on: each entry at fault and its rule.</summary>
public sealed class CalendarFileException(string source, IReadOnlyList<string> problems)
    : Exception($"{source}:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Select(p => $"  - {p}"))}")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
