using System.Collections.Concurrent;
using Credit.Grains.Interfaces.Agencies;

namespace Credit.ReadModels.Interceptions;

/// <summary>What a check needs of one hold, kept small: a million subjects live in memory. Permissions for necessary
/// travel are rare, so most holds carry none (null).</summary>
public readonly record struct IndexedHold(InterceptionTriggers Trigger, string Court, string CaseNumber, DateOnly Since, DateOnly? Until,
    HoldPermission[]? Permissions = null)
{
    public bool InForceOn(DateOnly day) => HoldPeriod.InForceOn(Since, Until, day);
}

/// <summary>Every intercepted subject's holds in memory, keyed by subject key, so that a check costs no
/// database round trip. Kept current by <see cref="InterceptionFollower"/>; not ready (and checks refused)
/// until its first full load, because an empty index would let every restricted subject pass.</summary>
public sealed class InterceptionIndex
{
    private readonly ConcurrentDictionary<string, IndexedHold[]> subjects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> courts = new(StringComparer.Ordinal);
    private TaskCompletionSource advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long position;

    public bool Ready { get; private set; }

    /// <summary>The change-log position the index reflects.</summary>
    public long Position => Interlocked.Read(ref position);

    public int Count => subjects.Count;

    /// <summary>When the follower last confirmed the index current (it does so at least every second).</summary>
    public DateTimeOffset LastConfirmed { get; private set; }

    public IndexedHold[]? Find(string subjectKey) => subjects.TryGetValue(subjectKey, out var holds) ? holds : null;

    public void Set(string subjectKey, IReadOnlyList<InterceptionHold> holds)
    {
        if (holds.Count == 0)
        {
            subjects.TryRemove(subjectKey, out _);
            return;
        }
        var compact = new IndexedHold[holds.Count];
        for (var i = 0; i < compact.Length; i++)
        {
            var hold = holds[i];
            // A listing and its restriction name the same case: keep one copy of the string.
            var caseNumber = i > 0 && compact[i - 1].CaseNumber == hold.CaseNumber ? compact[i - 1].CaseNumber : hold.CaseNumber;
            compact[i] = new IndexedHold(hold.Trigger, courts.GetOrAdd(hold.Court, hold.Court), caseNumber, hold.Since, hold.Until,
                hold.Permissions is { Count: > 0 } permissions ? [.. permissions] : null);
        }
        subjects[subjectKey] = compact;
    }

    public void Clear()
    {
        subjects.Clear();
        Ready = false;
    }

    /// <summary>Marks the index current up to <paramref name="reached"/> and wakes everyone waiting for it.</summary>
    public void Advance(long reached)
    {
        Ready = true;
        LastConfirmed = DateTimeOffset.UtcNow;
        if (reached <= Position)
            return;
        Interlocked.Exchange(ref position, reached);
        Interlocked.Exchange(ref advanced, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Waits until the index passes <paramref name="after"/>, or the timeout; true if it did.</summary>
    public async Task<bool> WaitBeyondAsync(long after, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (Position <= after)
        {
            var next = Volatile.Read(ref advanced).Task;
            if (Position > after)
                return true;
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
                return false;
            try
            {
                await next.WaitAsync(left, cancellationToken);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
        return true;
    }
}
