namespace Credit.Grains.Interfaces.Time;

/// <summary>One year of the official calendar, as the State Council's notice on the year's public holidays sets it.</summary>
/// <param name="Year">The calendar year.</param>
/// <param name="Source">The notice it was taken from, e.g. 国务院办公厅关于2026年部分节假日安排的通知.</param>
/// <param name="Holidays">Rest days other than weekends: the public holidays and the days off swapped into them (调休).</param>
/// <param name="MakeUpWorkingDays">Saturdays and Sundays that are working days because of a swap (调休上班).</param>
public sealed record CalendarYear(int Year, string Source, IReadOnlySet<DateOnly> Holidays, IReadOnlySet<DateOnly> MakeUpWorkingDays);

/// <summary>A deadline, or the year whose calendar it would need and which nobody has entered.</summary>
public readonly record struct CalendarDeadline(DateOnly? Due, int? MissingYear)
{
    public bool Known => Due is not null;

    public static CalendarDeadline Missing(int year) => new(null, year);
}

/// <summary>Working days as the official calendar has them: Monday to Friday, except public holidays and the days swapped
/// into them, plus the weekend days that are worked instead (调休). Deadlines in working days (list rules Art. 9, Art. 10 ¶1,
/// Art. 11) are counted on it. A year the calendar does not hold is never guessed: a count that reaches into it answers the
/// year that is missing.</summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<int, CalendarYear> years;

    public WorkingDayCalendar(IEnumerable<CalendarYear> years) => this.years = years.ToDictionary(y => y.Year);

    public static WorkingDayCalendar Empty { get; } = new([]);

    public IReadOnlyList<CalendarYear> Years => [.. years.Values.OrderBy(y => y.Year)];

    public bool Covers(int year) => years.ContainsKey(year);

    /// <summary>Whether <paramref name="day"/> is a working day; null when its year is not in the calendar.</summary>
    public bool? IsWorkingDay(DateOnly day)
    {
        if (!years.TryGetValue(day.Year, out var year))
            return null;
        if (year.MakeUpWorkingDays.Contains(day))
            return true;
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !year.Holidays.Contains(day);
    }

    /// <summary>The <paramref name="workingDays"/>-th working day after <paramref name="from"/>: the day of the event does
    /// not count, the deadline day does ("within 3 working days" of a decision on a Wednesday before National Day ends on
    /// the third working day after it).</summary>
    public CalendarDeadline AddWorkingDays(DateOnly from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        if (!Covers(from.Year))
            return CalendarDeadline.Missing(from.Year);
        var day = from;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            switch (IsWorkingDay(day))
            {
                case null:
                    return CalendarDeadline.Missing(day.Year);
                case true:
                    counted++;
                    break;
            }
        }
        return new CalendarDeadline(day, null);
    }

    /// <summary>A period of <paramref name="days"/> calendar days from <paramref name="from"/> (list rules Art. 11: review
    /// within 15 days; Art. 12: reconsideration asked within 10 days and decided within 15), counted as the Civil Procedure
    /// Law counts periods (期间): the first day does not count, and a period whose last day is a rest day ends on the next
    /// working day.</summary>
    public CalendarDeadline AddDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = from.AddDays(days);
        while (true)
        {
            switch (IsWorkingDay(day))
            {
                case null:
                    return CalendarDeadline.Missing(day.Year);
                case true:
                    return new CalendarDeadline(day, null);
            }
            day = day.AddDays(1);
        }
    }

    /// <summary>How many working days lie after <paramref name="from"/> up to and including <paramref name="to"/>; null
    /// when a year in between is not in the calendar.</summary>
    public int? WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (!Covers(from.Year))
            return null;
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            switch (IsWorkingDay(day))
            {
                case null:
                    return null;
                case true:
                    count++;
                    break;
            }
        }
        return count;
    }
}
