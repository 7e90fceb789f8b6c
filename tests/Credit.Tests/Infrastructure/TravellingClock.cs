namespace Credit.Tests.Infrastructure;

/// <summary>The system clock moved forward by a settable amount, so a running platform can be taken to another day while
/// its timers, Orleans' included, keep running at the real pace.</summary>
public sealed class TravellingClock : TimeProvider
{
    private long aheadTicks;

    public TimeSpan Ahead => TimeSpan.FromTicks(Interlocked.Read(ref aheadTicks));

    public void MoveTo(DateTimeOffset instant) => Interlocked.Exchange(ref aheadTicks, (instant - System.GetUtcNow()).Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
}
