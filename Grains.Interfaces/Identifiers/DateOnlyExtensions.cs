namespace Credit.Grains.Interfaces.Identifiers;

public static class DateOnlyExtensions
{
    /// <summary>Whole years from this date to <paramref name="date"/>: the age in the ordinary legal sense,
    /// so a person born on 29 February turns a year older on 1 March in common years.</summary>
    public static int YearsUntil(this DateOnly from, DateOnly date)
    {
        var years = date.Year - from.Year;
        if (date.Month < from.Month || (date.Month == from.Month && date.Day < from.Day))
            years--;
        return years;
    }

    /// <summary>The first day on which a person born on <paramref name="birth"/> is an adult: the day after the 18th
    /// birthday, since full years of age (周岁) count from the day after the birthday (Art. 4 of the list rules judges a
    /// minor by them). A 29 February birthday falls on 1 March in common years, as in <see cref="YearsUntil"/>.</summary>
    public static DateOnly AdultFrom(this DateOnly birth)
    {
        var birthday = birth.AddYearsClamped(18);
        if (birthday.Day != birth.Day)
            birthday = birthday.AddDays(1);
        return birthday.AddDays(1);
    }

    /// <summary>The date <paramref name="years"/> calendar years on (29 February falls back to 28 February), or the
    /// last or first day the calendar holds if that lies beyond it: a total function, so no date that reaches a rule
    /// can make its arithmetic throw.</summary>
    public static DateOnly AddYearsClamped(this DateOnly date, int years)
    {
        var year = (long)date.Year + years;
        if (year > DateOnly.MaxValue.Year)
            return DateOnly.MaxValue;
        return year < DateOnly.MinValue.Year ? DateOnly.MinValue : date.AddYears(years);
    }

    /// <summary>The date <paramref name="months"/> calendar months on (the 31st falls back to the month's last day),
    /// clamped to the calendar like <see cref="AddYearsClamped"/>.</summary>
    public static DateOnly AddMonthsClamped(this DateOnly date, int months)
    {
        var month = (long)date.Year * 12 + date.Month - 1 + months;
        if (month > (long)DateOnly.MaxValue.Year * 12 + 11)
            return DateOnly.MaxValue;
        return month < (long)DateOnly.MinValue.Year * 12 ? DateOnly.MinValue : date.AddMonths(months);
    }
}
