using System.Globalization;
using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Tests.Identifiers;

public sealed class DateOnlyExtensionsTests
{
    [Theory]
    [InlineData("2007-03-01", "2025-02-28", 17)] // the day before the 18th birthday
    [InlineData("2007-03-01", "2025-03-01", 18)] // the birthday itself
    [InlineData("2007-03-01", "2025-03-02", 18)]
    [InlineData("2007-12-31", "2025-01-01", 17)] // a later year but an earlier month
    [InlineData("2007-03-01", "2007-03-01", 0)]
    public void Years_count_whole_years_turning_on_the_birthday(string from, string to, int years)
    {
        Assert.Equal(years, Date(from).YearsUntil(Date(to)));
    }

    [Theory]
    [InlineData("2022-02-28", 17)]
    [InlineData("2022-03-01", 18)] // a common year: the birthday counts as 1 March
    [InlineData("2024-02-28", 19)]
    [InlineData("2024-02-29", 20)] // a leap year: the birthday itself
    public void Born_on_29_February_turns_older_on_1_March_in_common_years(string on, int years)
    {
        var born = new DateOnly(2004, 2, 29);

        Assert.Equal(years, born.YearsUntil(Date(on)));
    }

    [Theory]
    [InlineData("2007-03-01", "2025-03-02")] // the day after the 18th birthday
    [InlineData("2007-12-31", "2026-01-01")]
    [InlineData("2004-02-29", "2022-03-02")] // the birthday counts as 1 March in a common year
    public void Adult_from_the_day_after_the_18th_birthday(string born, string adultFrom)
    {
        Assert.Equal(Date(adultFrom), Date(born).AdultFrom());
    }

    [Theory]
    [InlineData("2024-02-29", 2, "2026-02-28")]
    [InlineData("9997-06-01", 2, "9999-06-01")]
    [InlineData("9998-06-01", 5, "9999-12-31")] // beyond the calendar: its last day
    [InlineData("0002-06-01", -5, "0001-01-01")]
    [InlineData("2025-01-01", int.MaxValue, "9999-12-31")]
    public void Adding_years_never_leaves_the_calendar(string from, int years, string expected)
    {
        Assert.Equal(Date(expected), Date(from).AddYearsClamped(years));
    }

    [Theory]
    [InlineData("2025-08-31", 6, "2026-02-28")]
    [InlineData("9999-06-30", 6, "9999-12-30")]
    [InlineData("9999-07-01", 6, "9999-12-31")] // beyond the calendar: its last day
    [InlineData("0001-03-01", -3, "0001-01-01")]
    [InlineData("2025-01-01", int.MinValue, "0001-01-01")]
    public void Adding_months_never_leaves_the_calendar(string from, int months, string expected)
    {
        Assert.Equal(Date(expected), Date(from).AddMonthsClamped(months));
    }

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
