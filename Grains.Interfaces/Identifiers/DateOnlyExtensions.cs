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
}
