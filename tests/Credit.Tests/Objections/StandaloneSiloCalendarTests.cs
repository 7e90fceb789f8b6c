using Credit.Grains.Interfaces.Time;
using Credit.Hosting.Calendar;
using Credit.Hosting.Orleans;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Credit.Tests.Objections;

/// <summary>A silo on its own (k8s/) hosts objection grains too, so it needs the working-day calendar without the Api: it
/// reads the same file, takes a valid change, and keeps the previous calendar when a change breaks a rule.</summary>
public sealed class StandaloneSiloCalendarTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("credit-calendar-");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 4, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_domain_alone_reads_the_calendar_file_and_follows_its_changes()
    {
        var path = Path.Combine(folder.FullName, "working-days.json");
        var shipped = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, CalendarFileOptions.DefaultFile));
        File.WriteAllText(path, shipped);
        using var services = Domain(path);
        var calendar = services.GetRequiredService<IWorkingDayCalendarSource>();

        Assert.IsType<FileWorkingDayCalendar>(calendar);
        Assert.Equal([2026], calendar.Current.Years.Select(y => y.Year));

        // The administrator adds the next year; the silo takes it once the file's time has changed.
        var withNextYear = shipped.Replace("\"years\": [",
            "\"years\": [ { \"year\": 2027, \"source\": \"test\", \"holidays\": [ { \"name\": \"元旦\", \"from\": \"2027-01-01\", \"to\": \"2027-01-03\" } ], \"makeUpWorkingDays\": [] },",
            StringComparison.Ordinal);
        Assert.NotEqual(shipped, withNextYear);
        File.WriteAllText(path, withNextYear);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        clock.Advance(FileWorkingDayCalendar.Recheck);
        Assert.Equal([2026, 2027], calendar.Current.Years.Select(y => y.Year).Order());

        // A change that breaks a rule is not taken.
        File.WriteAllText(path, "{ \"years\": 5 }");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(2));
        clock.Advance(FileWorkingDayCalendar.Recheck);
        Assert.Equal([2026, 2027], calendar.Current.Years.Select(y => y.Year).Order());
    }

    private ServiceProvider Domain(string path)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Credit:Calendar:CalendarFile", path)]).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(clock)
            .AddLogging()
            .AddCreditDomain()
            .BuildServiceProvider();
    }

    public void Dispose() => folder.Delete(recursive: true);
}
