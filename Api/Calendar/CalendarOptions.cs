namespace Credit.Api.Calendar;

/// <summary>Where the working-day calendar comes from and how a change to the file is picked up (section <c>Credit:Calendar</c>).</summary>
public sealed class CalendarOptions
{
    public const string Section = "Credit:Calendar";
    public const string DefaultFile = "Calendar/working-days.json";

    /// <summary>The court administrator's calendar file; empty: the copy shipped next to the assemblies, which every build overwrites.</summary>
    public string? CalendarFile { get; set; }

    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    public string FullPath => string.IsNullOrWhiteSpace(CalendarFile)
        ? Path.Combine(AppContext.BaseDirectory, DefaultFile)
        : Path.GetFullPath(CalendarFile);
}
