using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Credit.ReadModels.Screens;

/// <summary>One channel's eligible listings in the channel's own fixed order: each listing sits at a point of a ring of
/// 2^64 points, a hash of the channel and the listing, so the order is the same in every process and every restart, and
/// a listing that arrives takes its place without moving the others. A rotation period shows the first listings met going
/// round the ring from the period's start point, and the next period starts just past the last one shown: every listing
/// is met once per turn of the ring, none twice before all once, whatever arrives or leaves meanwhile.</summary>
public sealed class ScreenRing
{
    private readonly Lock gate = new();
    private readonly SortedSet<Point> order = [];
    private readonly Dictionary<Guid, (ulong At, ScreenListing Listing)> members = [];
    private readonly Dictionary<string, int> photos = new(StringComparer.Ordinal);
    private long revision;

    public ScreenRing(string channel, ScreenSelection selection)
    {
        Channel = channel;
        Selection = selection;
    }

    public string Channel { get; }

    public ScreenSelection Selection { get; }

    /// <summary>Moves on whenever a listing joins, leaves or changes what it shows: a playlist made at one revision stays right
    /// until the next.</summary>
    public long Revision => Interlocked.Read(ref revision);

    public int Count
    {
        get
        {
            lock (gate)
                return members.Count;
        }
    }

    /// <summary>A listing taken at a point of the ring.</summary>
    public readonly record struct Placed(ulong At, ScreenListing Listing);

    /// <summary>Where <paramref name="listing"/> sits on <paramref name="channel"/>'s ring.</summary>
    public static ulong PointOf(string channel, Guid listing)
    {
        Span<byte> input = stackalloc byte[Encoding.UTF8.GetMaxByteCount(channel.Length) + 16];
        var length = Encoding.UTF8.GetBytes(channel, input);
        listing.TryWriteBytes(input[length..], bigEndian: true, out var written);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input[..(length + written)], hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }

    /// <summary>Takes in the listing's current state (null: gone), as the channel's selection admits it or not.</summary>
    public void Apply(Guid id, ScreenListing? listing)
    {
        var admitted = listing is not null && Selection.Admits(listing) ? listing : null;
        lock (gate)
        {
            var had = members.TryGetValue(id, out var old);
            if (admitted is null)
            {
                if (!had)
                    return;
                members.Remove(id);
                order.Remove(new Point(old.At, id));
                Forget(old.Listing.PhotoId);
            }
            else
            {
                if (had && old.Listing == admitted)
                    return;
                var at = had ? old.At : PointOf(Channel, id);
                if (had)
                    Forget(old.Listing.PhotoId);
                members[id] = (at, admitted);
                order.Add(new Point(at, id));
                if (admitted.PhotoId is { } photo)
                    photos[photo] = photos.GetValueOrDefault(photo) + 1;
            }
            Interlocked.Increment(ref revision);
        }
    }

    /// <summary>Whether a listing the channel shows carries this photo.</summary>
    public bool Shows(string photoId)
    {
        lock (gate)
            return photos.ContainsKey(photoId);
    }

    /// <summary>Up to <paramref name="count"/> listings in force on <paramref name="day"/>, met going round the ring from
    /// <paramref name="start"/>, each at most once.</summary>
    public IReadOnlyList<Placed> Take(ulong start, int count, DateOnly day)
    {
        var taken = new List<Placed>(Math.Min(count, 256));
        lock (gate)
        {
            if (order.Count == 0)
                return taken;
            // From the start to the ring's end, then from its beginning up to the start.
            if (start <= order.Max.At)
            {
                foreach (var point in order.GetViewBetween(new Point(start, Guid.Empty), order.Max))
                {
                    if (!TryTake(point))
                        return taken;
                }
            }
            if (order.Min.At < start)
            {
                foreach (var point in order.GetViewBetween(order.Min, new Point(start - 1, MaxGuid)))
                {
                    if (!TryTake(point))
                        return taken;
                }
            }
        }
        return taken;

        bool TryTake(Point point)
        {
            var (at, listing) = members[point.Listing];
            if (listing.InForceOn(day))
                taken.Add(new Placed(at, listing));
            return taken.Count < count;
        }
    }

    /// <summary>Where the period after one that started at <paramref name="start"/> starts: just past the last listing that
    /// period shows now.</summary>
    public ulong NextStart(ulong start, int count, DateOnly day)
    {
        var shown = Take(start, count, day);
        return shown.Count == 0 ? start : unchecked(shown[^1].At + 1);
    }

    private void Forget(string? photo)
    {
        if (photo is null)
            return;
        if (photos[photo] == 1)
            photos.Remove(photo);
        else
            photos[photo]--;
    }

    private static readonly Guid MaxGuid = new("ffffffff-ffff-ffff-ffff-ffffffffffff");

    private readonly record struct Point(ulong At, Guid Listing) : IComparable<Point>
    {
        public int CompareTo(Point other)
        {
            var byPoint = At.CompareTo(other.At);
            return byPoint != 0 ? byPoint : Listing.CompareTo(other.Listing);
        }
    }
}
