using Credit.Grains.Interfaces.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Credit.Hosting.Calendar;

/// <summary>Where a silo without the Api (k8s/) reads the working-day calendar (section <c>Credit:Calendar</c>, the key the Api
/// reads too): the court administrator's file, or the copy shipped beside the assemblies.</summary>
public sealed class CalendarFileOptions
{
    public const string Section = "Credit:Calendar";
    public const string DefaultFile = "Calendar/working-days.json";

    public string? CalendarFile { get; set; }

    public string FullPath => string.IsNullOrWhiteSpace(CalendarFile)
        ? Path.Combine(AppContext.BaseDirectory, DefaultFile)
        : Path.GetFullPath(CalendarFile);
}

/// <summary>The calendar for a silo that hosts objection grains but not the Api, which follows the file with a watcher. Read
/// at the first use (a fault stops that use with the file's problems named), then read again when the file's time changes,
/// looked at no more than every <see cref="Recheck"/>; a changed file that breaks a rule is logged and the previous calendar
/// stays in force, as in the Api.</summary>
public sealed class FileWorkingDayCalendar(IOptions<CalendarFileOptions> options, TimeProvider clock, ILogger<FileWorkingDayCalendar> logger)
    : IWorkingDayCalendarSource
{
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    private readonly Lock reading = new();
    private (WorkingDayCalendar Calendar, DateTime Written, DateTimeOffset Checked)? loaded;

    public WorkingDayCalendar Current
    {
        get
        {
            lock (reading)
            {
                var now = clock.GetUtcNow();
                if (loaded is { } held && now - held.Checked < Recheck)
                    return held.Calendar;
                var path = options.Value.FullPath;
                var written = File.GetLastWriteTimeUtc(path);
                if (loaded is { } known && known.Written == written)
                {
                    loaded = known with { Checked = now };
                    return known.Calendar;
                }
                try
                {
                    var calendar = WorkingDayCalendarFile.Parse(File.ReadAllText(path), path);
                    loaded = (calendar, written, now);
                    return calendar;
                }
                catch (Exception problem) when (loaded is { } previous && problem is CalendarFileException or IOException or UnauthorizedAccessException)
                {
                    logger.LogError(problem, "Working-day calendar {Path}: the changed file is not taken; the previous calendar stays in force", path);
                    loaded = previous with { Written = written, Checked = now };
                    return previous.Calendar;
                }
            }
        }
    }
}
