using Credit.Grains.Interfaces.Partners;

namespace Credit.ReadModels.Partners;

/// <summary>The newest rows of the partners' change log, held in memory for the webhook subscriptions: a thousand
/// subscriptions following the head read each row from PostgreSQL once, not a thousand times. The window only grows at its
/// end by what the log holds after it (one writer, positions visible in order, so nothing appears behind it later), and a
/// subscription behind the window reads the log itself. A removal's scrubbing of the listing's earlier changes
/// (<see cref="PartnerListing.WithoutRecords"/>, as <see cref="PartnerProjector"/> does it) is applied to the window's copies
/// when the removal enters it.</summary>
public sealed class PartnerChangeWindow(PartnerFeed feed)
{
    private const int Capacity = 50_000;
    private const int Fetch = 2_000;

    /// <summary>Rows (From, To] of the log, in order; none before the first request.</summary>
    private sealed record Window(long From, long To, PartnerChangeRow[] Rows);

    private readonly SemaphoreSlim extending = new(1, 1);
    private Window? window;

    public async Task<IReadOnlyList<PartnerChangeRow>> ChangesAfterAsync(long position, int limit, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref window);
        if (current is null || position >= current.To)
            current = await ExtendAsync(position, cancellationToken);
        // Behind the window, or at its end (nothing newer yet, or more than one read brought): from the log itself.
        if (position < current.From || position >= current.To)
            return await feed.ChangesAfterAsync(position, limit, cancellationToken);
        var first = FirstAfter(current.Rows, position);
        return new ArraySegment<PartnerChangeRow>(current.Rows, first, Math.Min(limit, current.Rows.Length - first));
    }

    /// <summary>Reads what the log holds after the window (which starts at <paramref name="position"/> if there is none yet).</summary>
    private async Task<Window> ExtendAsync(long position, CancellationToken cancellationToken)
    {
        await extending.WaitAsync(cancellationToken);
        try
        {
            var current = window;
            if (current is not null && position < current.To)
                return current;   // extended by another reader meanwhile
            // Far ahead of the window (it was not read for a while): a new one from here; those behind read the log.
            if (current is null || position > current.To + Fetch)
                current = new Window(position, position, []);
            var added = await feed.ChangesAfterAsync(current.To, Fetch, cancellationToken);
            if (added.Count == 0)
            {
                Volatile.Write(ref window, current);
                return current;
            }
            var rows = new List<PartnerChangeRow>(current.Rows.Length + added.Count);
            rows.AddRange(current.Rows);
            rows.AddRange(added);
            // The removal itself is scrubbed already, and keeps the traces its filters judge it by.
            foreach (var removal in added.Where(r => r.After is null && r.Before is not null))
            {
                for (var i = 0; i < rows.Count && rows[i].Position < removal.Position; i++)
                {
                    if ((rows[i].Before ?? rows[i].After)!.ListingId == removal.Before!.ListingId)
                        rows[i] = rows[i] with { Before = rows[i].Before?.WithoutRecords(), After = rows[i].After?.WithoutRecords() };
                }
            }
            var dropped = Math.Max(0, rows.Count - Capacity);
            var from = dropped == 0 ? current.From : rows[dropped - 1].Position;
            var next = new Window(from, added[^1].Position, [.. rows.Skip(dropped)]);
            Volatile.Write(ref window, next);
            return next;
        }
        finally
        {
            extending.Release();
        }
    }

    private static int FirstAfter(PartnerChangeRow[] rows, long position)
    {
        int low = 0, high = rows.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (rows[middle].Position > position)
                high = middle;
            else
                low = middle + 1;
        }
        return low;
    }
}
