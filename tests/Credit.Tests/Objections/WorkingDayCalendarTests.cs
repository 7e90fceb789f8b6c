using Credit.Api.Calendar;
using Credit.Api.Configuration;
using Credit.Grains.Interfaces.Time;

namespace Credit.Tests.Objections;

/// <summary>Deadlines in working days follow the official calendar of the shipped file (2026: the State Council's notice of
/// 2025-11-04): weekends and public holidays rest, the make-up Saturdays and Sundays (调休) work, and a year the calendar
/// lacks is refused rather than guessed.</summary>
public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Shipped = WorkingDayCalendarFile.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, CalendarOptions.DefaultFile)), CalendarOptions.DefaultFile);

    private static DateOnly D(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Correction_within_3_working_days_of_an_upheld_objection_skips_National_Day_and_counts_its_makeup_Saturday_Art11()
    {
        // Upheld on Wednesday 30 September: 1–7 October rest, Thursday 8 and Friday 9 work, Saturday 10 October is worked.
        Assert.Equal(D("2026-10-10"), Shipped.AddWorkingDays(D("2026-09-30"), 3).Due);
    }

    [Fact]
    public void Makeup_Sunday_before_National_Day_is_a_working_day_Art9()
    {
        // Friday 18 September: Saturday 19 rests, Sunday 20 is worked, then Monday 21 and Tuesday 22.
        Assert.Equal(D("2026-09-22"), Shipped.AddWorkingDays(D("2026-09-18"), 3).Due);
        Assert.True(Shipped.IsWorkingDay(D("2026-09-20")));
        Assert.False(Shipped.IsWorkingDay(D("2026-09-19")));
    }

    [Fact]
    public void Deletion_within_3_working_days_spans_the_Spring_Festival_Art10()
    {
        // Friday 13 February: Saturday 14 is worked, 15–23 February rest, then Tuesday 24 and Wednesday 25.
        Assert.Equal(D("2026-02-25"), Shipped.AddWorkingDays(D("2026-02-13"), 3).Due);
    }

    [Fact]
    public void Ordinary_week_counts_Monday_to_Friday_only_Art9()
    {
        // Thursday 12 November: Friday 13, Monday 16, Tuesday 17.
        Assert.Equal(D("2026-11-17"), Shipped.AddWorkingDays(D("2026-11-12"), 3).Due);
        Assert.Equal(2, Shipped.WorkingDaysBetween(D("2026-11-12"), D("2026-11-16")));
    }

    [Fact]
    public void Review_within_15_days_whose_last_day_is_a_holiday_ends_on_the_next_working_day_Art11()
    {
        // Filed 17 September: the 15th day is 2 October, a holiday; the period ends on Thursday 8 October.
        Assert.Equal(D("2026-10-08"), Shipped.AddDays(D("2026-09-17"), 15).Due);
        // Filed 2 November: the 15th day is Tuesday 17 November, a working day.
        Assert.Equal(D("2026-11-17"), Shipped.AddDays(D("2026-11-02"), 15).Due);
    }

    [Fact]
    public void Reconsideration_asked_within_10_days_of_a_rejection_Art12()
    {
        // Rejected on 15 September: the 10th day is Friday 25 September, Mid-Autumn; the period runs to Monday 28.
        Assert.Equal(D("2026-09-28"), Shipped.AddDays(D("2026-09-15"), 10).Due);
    }

    [Fact]
    public void Deadline_reaching_into_a_year_the_calendar_lacks_is_refused_not_guessed()
    {
        var deadline = Shipped.AddWorkingDays(D("2026-12-29"), 3);
        Assert.False(deadline.Known);
        Assert.Equal(2027, deadline.MissingYear);
        Assert.Equal(2025, Shipped.AddWorkingDays(D("2025-12-01"), 1).MissingYear);
        Assert.Equal(2027, Shipped.AddDays(D("2026-12-20"), 15).MissingYear);
        Assert.Null(Shipped.IsWorkingDay(D("2027-03-01")));
        Assert.Null(Shipped.WorkingDaysBetween(D("2026-12-30"), D("2027-01-04")));
    }

    [Fact]
    public void Shipped_2026_calendar_has_the_notices_seven_holidays_and_six_makeup_days()
    {
        var year = Assert.Single(Shipped.Years);
        Assert.Equal(2026, year.Year);
        Assert.Equal(6, year.MakeUpWorkingDays.Count);
        Assert.Equal(3 + 9 + 3 + 5 + 3 + 3 + 7, year.Holidays.Count);
        var restDays = Enumerable.Range(0, 365).Select(d => D("2026-01-01").AddDays(d)).Count(d => Shipped.IsWorkingDay(d) == false);
        // 104 weekend days, plus the 19 holidays on weekdays, less the 6 weekend days worked: 117 rest days, 248 working days.
        Assert.Equal(104 + 19 - 6, restDays);
    }

    [Fact]
    public void Makeup_day_on_a_weekday_is_refused_naming_the_entry()
    {
        var file = """{"years":[{"year":2027,"source":"test","holidays":[{"name":"元旦","from":"2027-01-01","to":"2027-01-03"}],"makeUpWorkingDays":["2027-01-05"]}]}""";

        var refused = Assert.Throws<CalendarFileException>(() => WorkingDayCalendarFile.Parse(file, "calendar.json"));

        Assert.Contains(refused.Problems, p => p.Contains("years[0] (2027).makeUpWorkingDays") && p.Contains("2027-01-05"));
    }

    [Fact]
    public void Year_given_twice_and_a_holiday_outside_its_year_are_refused()
    {
        var file = """{"years":[{"year":2026,"source":"a","holidays":[{"name":"x","from":"2026-01-01","to":"2026-01-01"}]},{"year":2026,"source":"b","holidays":[{"name":"y","from":"2025-12-31","to":"2026-01-01"}]}]}""";

        var refused = Assert.Throws<CalendarFileException>(() => WorkingDayCalendarFile.Parse(file, "calendar.json"));

        Assert.Contains(refused.Problems, p => p.Contains("is given twice"));
        Assert.Contains(refused.Problems, p => p.Contains("holidays[0]") && p.Contains("must lie in 2026"));
    }
}
