namespace Credit.ReadModels.Screens;

/// <summary>Every active listing as the screens see it, in memory, and each channel's ring kept in step with it, so that a
/// playlist costs no database round trip. Kept current by <see cref="ScreenFollower"/> from the change log and the courts'
/// screen records; not ready until its first full load (an empty playlist is no answer while listings exist).</summary>
public sealed class ScreenIndex
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, ScreenListing> listings = [];
    private readonly Dictionary<string, HashSet<Guid>> bySubject = new(StringComparer.Ordinal);
    private readonly List<ScreenRing> rings = [];
    private TaskCompletionSource advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long logPosition;
    private long recordsPosition;

    public bool Ready { get; private set; }

    /// <summary>The change-log position the index reflects.</summary>
    public long LogPosition => Interlocked.Read(ref logPosition);

    /// <summary>The screen-records position the index reflects.</summary>
    public long RecordsPosition => Interlocked.Read(ref recordsPosition);

    public int Count
    {
        get
        {
            lock (gate)
                return listings.Count;
        }
    }

    /// <summary>A ring for the channel, filled with what the index holds now and kept in step from then on.</summary>
    public ScreenRing Open(string channel, ScreenSelection selection)
    {
        var ring = new ScreenRing(channel, selection);
        lock (gate)
        {
            foreach (var (id, listing) in listings)
                ring.Apply(id, listing);
            rings.Add(ring);
        }
        return ring;
    }

    /// <summary>Stops keeping <paramref name="ring"/> in step (its channel changed or left).</summary>
    public void Close(ScreenRing ring)
    {
        lock (gate)
            rings.Remove(ring);
    }

    /// <summary>Replaces the whole content: the first load, as of both positions.</summary>
    public void Load(IEnumerable<ScreenListing> all, long atLog, long atRecords)
    {
        lock (gate)
        {
            foreach (var id in listings.Keys.ToList())
                Set(id, null);
            foreach (var listing in all)
                Set(listing.ListingId, listing);
        }
        Advance(atLog, atRecords);
    }

    /// <summary>Makes the listings of <paramref name="subjects"/> what <paramref name="current"/> says they are now: those
    /// missing from it are gone (removed, expired), the rest replaced.</summary>
    public void Apply(IReadOnlyCollection<string> subjects, IReadOnlyList<ScreenListing> current)
    {
        lock (gate)
        {
            var kept = current.Select(l => l.ListingId).ToHashSet();
            foreach (var subject in subjects)
            {
                if (!bySubject.TryGetValue(subject, out var ids))
                    continue;
                foreach (var id in ids.Where(id => !kept.Contains(id)).ToList())
                    Set(id, null);
            }
            foreach (var listing in current)
                Set(listing.ListingId, listing);
        }
    }

    public ScreenListing? Find(Guid listingId)
    {
        lock (gate)
            return listings.GetValueOrDefault(listingId);
    }

    /// <summary>Marks the index current up to the positions given and wakes everyone waiting for a change.</summary>
    public void Advance(long atLog, long atRecords)
    {
        Ready = true;
        var moved = false;
        if (atLog > LogPosition)
        {
            Interlocked.Exchange(ref logPosition, atLog);
            moved = true;
        }
        if (atRecords > RecordsPosition)
        {
            Interlocked.Exchange(ref recordsPosition, atRecords);
            moved = true;
        }
        if (moved)
            Interlocked.Exchange(ref advanced, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Completes when the index next moves on.</summary>
    public Task NextAdvance => Volatile.Read(ref advanced).Task;

    private void Set(Guid id, ScreenListing? listing)
    {
        if (listings.Remove(id, out var old) && bySubject.TryGetValue(old.SubjectKey, out var ids))
        {
            ids.Remove(id);
            if (ids.Count == 0)
                bySubject.Remove(old.SubjectKey);
        }
        if (listing is not null)
        {
            listings[id] = listing;
            if (!bySubject.TryGetValue(listing.SubjectKey, out var own))
                bySubject[listing.SubjectKey] = own = [];
            own.Add(id);
        }
        foreach (var ring in rings)
            ring.Apply(id, listing);
    }
}
