namespace Credit.Grains.Interfaces.Time;

/// <summary>The working-day calendar in force (the court administrator's data, reloaded when it changes).</summary>
public interface IWorkingDayCalendarSource
{
    WorkingDayCalendar Current { get; }
}
