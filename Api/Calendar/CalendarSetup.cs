using Credit.Api.Configuration;
using Credit.Grains.Interfaces.Time;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Credit.Api.Calendar;

public static class CalendarSetup
{
    /// <summary>The working-day calendar from the file named by <c>Credit:Calendar:CalendarFile</c>: checked at start (a fault
    /// stops the platform), followed while the platform runs (a saved change that passes every check is in force at once).</summary>
    public static IServiceCollection AddWorkingDayCalendar(this IServiceCollection services)
    {
        services.AddOptions<CalendarOptions>()
            .BindConfiguration(CalendarOptions.Section)
            .Validate(o => o.ReloadDelay >= TimeSpan.Zero && o.ReloadDelay <= TimeSpan.FromMinutes(1), $"{CalendarOptions.Section}:ReloadDelay must be 0 to 1 minute")
            .Validate(o => o.CheckInterval >= TimeSpan.Zero, $"{CalendarOptions.Section}:CheckInterval must not be negative")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<CalendarOptions>>().Value;
            return new WatchedFile<WorkingDayCalendar>(options.FullPath, Parse, new WatchPolicy(options.ReloadDelay, options.CheckInterval),
                provider.GetRequiredService<ILogger<WatchedFile<WorkingDayCalendar>>>(), provider.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IWorkingDayCalendarSource, WatchedCalendar>();
        services.AddHostedService<CalendarStartup>();
        return services;
    }

    // The calendar's checks name their faults as every watched file's do.
    private static WorkingDayCalendar Parse(string text, string path)
    {
        try
        {
            return WorkingDayCalendarFile.Parse(text, path);
        }
        catch (CalendarFileException refusal)
        {
            throw new WatchedFileException(path, refusal.Problems);
        }
    }
}

/// <summary>Reads the calendar when the platform starts, so an invalid file stops the start with its problems named.</summary>
internal sealed class CalendarStartup(WatchedFile<WorkingDayCalendar> calendar, ILogger<CalendarStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Working-day calendar {Path}: years {Years}", calendar.FilePath, string.Join(", ", calendar.Current.Years.Select(y => y.Year)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The calendar as the grains and endpoints read it: the file's content in force at the moment of asking.</summary>
internal sealed class WatchedCalendar(WatchedFile<WorkingDayCalendar> file) : IWorkingDayCalendarSource
{
    public WorkingDayCalendar Current => file.Current;
}
