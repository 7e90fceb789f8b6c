using System.Diagnostics;

namespace Credit.ReadModels.ChangeLog;

/// <summary>How often a follower of the change log reads at most. Under a stream of court changes every commit sends a
/// notification, and a follower that read once per notification made a read of the change log (with its horizon) per
/// group commit; waiting out the rest of <see cref="Least"/> since its last read lets one read take in every commit of that
/// time. Alone, a change is read at once, and under load at most <see cref="Least"/> later.</summary>
public sealed class FollowerPace
{
    public static readonly TimeSpan Least = TimeSpan.FromMilliseconds(50);

    private long lastRead;

    /// <summary>Waits until <see cref="Least"/> has passed since the last read, then counts this one as the last.</summary>
    public async Task BeforeReadAsync(CancellationToken cancellationToken)
    {
        var since = lastRead == 0 ? Least : Stopwatch.GetElapsedTime(lastRead);
        if (since < Least)
            await Task.Delay(Least - since, cancellationToken);
        lastRead = Stopwatch.GetTimestamp();
    }
}
