namespace Credit.Tests.Infrastructure;

/// <summary>The system clock moved forward by a settable amount, so a running platform can be taken to another day while
/// its timers, Orleans' included, keep running at the real pace. It can also be held still, for a test that compares what a
/// platform answers before and after something slow (a restart) within one period of a minute.</summary>
public sealed class TravellingClock : TimeProvider
{
    private const long Running = -1;
    private long aheadTicks;
    private long heldAtTicks = Running;

    public TimeSpan Ahead => TimeSpan.FromTicks(Interlocked.Read(ref aheadTicks));

    public void MoveTo(DateTimeOffset instant)
    {
        if (Interlocked.Read(ref heldAtTicks) != Running)
            Interlocked.Exchange(ref heldAtTicks, instant.UtcTicks);
        else
            Interlocked.Exchange(ref aheadTicks, (instant - System.GetUtcNow()).Ticks);
    }

    /// <summary>Stops the clock where it is until <see cref="Release"/>; moving it still works.</summary>
    public void Hold() => Interlocked.Exchange(ref heldAtTicks, GetUtcNow().UtcTicks);

    /// <summary>Lets the clock run on from where it was held.</summary>
    public void Release()
    {
        var held = Interlocked.Exchange(ref heldAtTicks, Running);
        if (held != Running)
            Interlocked.Exchange(ref aheadTicks, (new DateTimeOffset(held, TimeSpan.Zero) - System.GetUtcNow()).Ticks);
    }

    public override DateTimeOffset GetUtcNow() =>
        Interlocked.Read(ref heldAtTicks) is var held and not Running ? new DateTimeOffset(held, TimeSpan.Zero) : System.GetUtcNow() + Ahead;
}
