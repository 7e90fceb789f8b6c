using System.Diagnostics;
using Credit.ReadModels.ApiKeys;
using Credit.Bench.Agencies.Measuring;

namespace Credit.Bench.Writes;

public enum WriteKind
{
    Listing,
    Restriction,
    Removal,
}

/// <summary>One write as a client saw it: from sending the request to the last byte of the answer. <paramref name="Outcome"/> is the
/// HTTP status, or the exception's type when no answer came.</summary>
public readonly record struct TimedWrite(WriteKind Kind, long Began, long Ended, string Outcome, bool Succeeded)
{
    public double Milliseconds => Stopwatch.GetElapsedTime(Began, Ended).TotalMilliseconds;
}

/// <summary>The writes made while the measuring window was open (begun after it opened, answered before it closed), and the window.</summary>
/// <param name="ErrorSamples">The first answer of each failing outcome, shortened, to see what went wrong.</param>
/// <param name="Succeeded">Successful writes of each kind over the whole run, warm-up and the writes still open at the close included.</param>
public sealed record WorkloadResult(IReadOnlyList<TimedWrite> Measured, TimeSpan Window, IReadOnlyDictionary<string, string> ErrorSamples,
    IReadOnlyDictionary<WriteKind, int> Succeeded);

/// <summary>Court clients in a closed loop (each sends its next write as soon as the previous one was answered, no think time), each
/// client a clerk of one of the three demo courts in turn. Listings only, or a mix: 60% listings, 20% consumption restrictions of other
/// fresh persons, 20% removals of one of the client's own earlier listings (a listing when it has none). Every listing and restriction
/// is of a person new to the platform.</summary>
public sealed class CourtWorkload(HttpClient http, Uri platform, DateOnly today, FreshPersons persons, bool mixed, int seed)
{
    private const int ErrorSampleLength = 300;

    private readonly Dictionary<string, string> errorSamples = [];
    private readonly int[] succeeded = new int[Enum.GetValues<WriteKind>().Length];

    /// <summary>Runs <paramref name="clients"/> clients: <paramref name="warmUp"/> unmeasured, then a window of <paramref name="duration"/>
    /// (or of <paramref name="count"/> writes when it is above 0). <paramref name="opened"/> and <paramref name="closed"/> run as the
    /// window opens and closes, for the readings that must cover the same span.</summary>
    public async Task<WorkloadResult> RunAsync(int clients, TimeSpan warmUp, TimeSpan duration, int count, Func<Task> opened, Func<Task> closed,
        CancellationToken cancellationToken)
    {
        var window = new Window(count);
        var writes = Enumerable.Range(0, clients).Select(_ => new List<TimedWrite>()).ToArray();
        var running = Enumerable.Range(0, clients).Select(i => Task.Run(() => ClientAsync(i, window, writes[i], cancellationToken), cancellationToken)).ToList();
        try
        {
            await Task.Delay(warmUp, cancellationToken);
            await opened();
            window.Open();
            if (count > 0)
                await Task.WhenAll(running);
            else
                await Task.Delay(duration, cancellationToken);
            window.Close();
            await closed();
        }
        finally
        {
            window.Stop();
            await Task.WhenAll(running);
        }
        var measured = writes.SelectMany(w => w).Where(window.Covers).ToList();
        lock (errorSamples)
        {
            return new WorkloadResult(measured, window.Length, new Dictionary<string, string>(errorSamples),
                Enum.GetValues<WriteKind>().ToDictionary(k => k, k => Volatile.Read(ref succeeded[(int)k])));
        }
    }

    private async Task ClientAsync(int index, Window window, List<TimedWrite> writes, CancellationToken cancellationToken)
    {
        var (court, key, _) = DemoCourtKeys.All[index % DemoCourtKeys.All.Count];
        var clerk = new CourtClient(http, platform, today, key, court);
        var random = new Random(seed + index);
        var listed = new List<(string ResidentId, Guid Listing)>();
        Admission admission;
        while ((admission = window.Admit()) != Admission.Stop)
        {
            var kind = NextKind(random, listed.Count);
            var began = Stopwatch.GetTimestamp();
            string outcome;
            var ok = false;
            try
            {
                var answer = await WriteAsync(clerk, kind, random, listed, cancellationToken);
                outcome = ((int)answer.Status).ToString(System.Globalization.CultureInfo.InvariantCulture);
                ok = answer.Succeeded;
                if (!ok)
                    SampleError(outcome, answer.Text);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                outcome = e.GetType().Name;
                SampleError(outcome, e.Message);
            }
            var ended = Stopwatch.GetTimestamp();
            if (ok)
                Interlocked.Increment(ref succeeded[(int)kind]);
            if (window.Keeps(admission))
                writes.Add(new TimedWrite(kind, began, ended, outcome, ok));
            window.Answered(admission, ended);
        }
    }

    private WriteKind NextKind(Random random, int listedByThisClient)
    {
        if (!mixed)
            return WriteKind.Listing;
        var roll = random.Next(100);
        return roll < 60 ? WriteKind.Listing : roll < 80 ? WriteKind.Restriction : listedByThisClient > 0 ? WriteKind.Removal : WriteKind.Listing;
    }

    private async Task<CourtAnswer> WriteAsync(CourtClient clerk, WriteKind kind, Random random, List<(string ResidentId, Guid Listing)> listed,
        CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case WriteKind.Removal:
            {
                var pick = random.Next(listed.Count);
                var (residentId, listing) = listed[pick];
                listed.RemoveAt(pick);
                return await clerk.TryRemoveAsync(residentId, listing, cancellationToken);
            }
            case WriteKind.Restriction:
            {
                var (residentId, name) = persons.Next();
                return await clerk.TryRestrictAsync(residentId, name, cancellationToken);
            }
            default:
            {
                var (residentId, name) = persons.Next();
                var answer = await clerk.TryListAsync(residentId, name, cancellationToken);
                if (answer.Succeeded && mixed)
                    listed.Add((residentId, answer.Body!.Value.GetProperty("id").GetGuid()));
                return answer;
            }
        }
    }

    private void SampleError(string outcome, string text)
    {
        lock (errorSamples)
            errorSamples.TryAdd(outcome, text.Length <= ErrorSampleLength ? text : text[..ErrorSampleLength] + "...");
    }

    private enum Admission
    {
        Stop,
        Unmeasured,
        Measured,
    }

    /// <summary>When writes count. For a duration: begun once the window opened and answered before it closed. For a count: the first
    /// that many writes admitted after the opening, and the clients stop after them; the window closes at the last one's answer.</summary>
    private sealed class Window(int count)
    {
        private long openedAt = long.MaxValue;
        private long closedAt = long.MaxValue;
        private long lastMeasuredAnswer;
        private int tickets;
        private volatile bool opened;
        private volatile bool stopped;

        public TimeSpan Length => Stopwatch.GetElapsedTime(openedAt, closedAt);

        public void Open()
        {
            Interlocked.Exchange(ref openedAt, Stopwatch.GetTimestamp());
            opened = true;
        }

        public void Close() => Interlocked.Exchange(ref closedAt, count > 0 ? Interlocked.Read(ref lastMeasuredAnswer) : Stopwatch.GetTimestamp());

        public void Stop() => stopped = true;

        /// <summary>Whether a client may send another write, and whether it is one of the count.</summary>
        public Admission Admit()
        {
            if (stopped)
                return Admission.Stop;
            if (count == 0 || !opened)
                return Admission.Unmeasured;
            return Interlocked.Increment(ref tickets) <= count ? Admission.Measured : Admission.Stop;
        }

        /// <summary>Whether the write may be measured: with a count only those admitted as measured; for a duration each is judged by
        /// its times at the end.</summary>
        public bool Keeps(Admission admission) => count == 0 || admission == Admission.Measured;

        public void Answered(Admission admission, long at)
        {
            if (admission != Admission.Measured)
                return;
            long last;
            while ((last = Interlocked.Read(ref lastMeasuredAnswer)) < at && Interlocked.CompareExchange(ref lastMeasuredAnswer, at, last) != last)
            {
            }
        }

        public bool Covers(TimedWrite write) => count > 0 || (write.Began >= openedAt && write.Ended <= closedAt);
    }
}
