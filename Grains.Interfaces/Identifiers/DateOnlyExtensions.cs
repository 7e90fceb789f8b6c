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
        var birthday = birth.AddYears(18);
        if (birthday.Day != birth.Day)
            birthday = birthday.AddDays(1);
        return birthday.AddDays(1);
    }
}
