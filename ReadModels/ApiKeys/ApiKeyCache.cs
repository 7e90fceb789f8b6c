using System.Collections.Concurrent;

namespace Credit.ReadModels.ApiKeys;

/// <summary>Whose API key a request carries, looked up by the key's SHA-256 (the only form stored) and cached
/// briefly, answers "nobody" included: a key is checked on every request, while keys change rarely.</summary>
public sealed class ApiKeyCache<T>(TimeProvider clock) where T : class
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    /// <summary>How long an answer the database gave stands in when the database cannot be asked. Agency checks are
    /// answered from memory, so a border post or a ticket office keeps working through an outage of the database if
    /// only its key's lookup does not fail; a key revoked during the outage could not be seen anyway, and one revoked
    /// shortly before it is honoured for this long at most, while the database is away.</summary>
    public static readonly TimeSpan StandInFor = TimeSpan.FromMinutes(15);

    /// <summary>While the database is away, how often a key's lookup is tried again.</summary>
    private static readonly TimeSpan RetryStandInAfter = TimeSpan.FromSeconds(5);

    /// <summary>How long a request waits for a lookup before an earlier answer stands in: a database host that does not
    /// answer at all fails a connection only after its timeout, and that must not hold every request up.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    // One lookup per key at a time: when an entry expires under load, every request in flight would look the key up at
    // once, and the pool would open a database connection (a backend and a handshake) for each, stalling the checks
    // (bench/README, "One key lookup at a time").
    private readonly ConcurrentDictionary<string, Entry> cache = new();

    /// <param name="Fresh">Given by the database just now, rather than an earlier answer standing in for a failed lookup.</param>
    private sealed record Answer(T? Holder, DateTimeOffset ConfirmedAt, bool Fresh);

    /// <param name="Previous">The latest answer the database gave for the key before this lookup, if any.</param>
    private sealed record Entry(Lazy<Task<Answer>> Lookup, DateTimeOffset Created, Answer? Previous);

    /// <summary>The holder of <paramref name="key"/>, from the cache or from <paramref name="load"/>, which gets the hash.
    /// Concurrent requests with the same key share one load. When the load fails, the database's latest answer for the
    /// key stands in if it is at most <see cref="StandInFor"/> old; otherwise the failure is the caller's.</summary>
    public async Task<T?> FindAsync(string key, Func<byte[], CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
    {
        var hash = ApiKeyHash.Of(key);
        var now = clock.GetUtcNow();
        var entry = cache.AddOrUpdate(Convert.ToHexString(hash),
            static (_, state) => state.cache.New(state.hash, state.load, state.now, previous: null),
            static (_, existing, state) => Current(existing, state.now) ? existing : state.cache.New(state.hash, state.load, state.now, LatestAnswer(existing)),
            (cache: this, hash, load, now));
        var lookup = entry.Lookup.Value;
        if (!lookup.IsCompleted && entry.Previous is { } previous && StandsIn(previous, now))
        {
            // Patience is spent once per lookup, by the requests that came first: one arriving when the lookup has hung that
            // long already has the earlier answer at once (a border post checking through a hung database waited 2 s a check).
            var patienceLeft = Patience - (now - entry.Created);
            if (patienceLeft <= TimeSpan.Zero)
                return previous.Holder;
            await Task.WhenAny(lookup, Task.Delay(patienceLeft, clock, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            if (!lookup.IsCompleted)
                return previous.Holder;
        }
        // A shared load is not cancelled with the request that started it: the others wait for it too.
        return (await lookup.WaitAsync(cancellationToken)).Holder;
    }

    private Entry New(byte[] hash, Func<byte[], CancellationToken, Task<T?>> load, DateTimeOffset now, Answer? previous) =>
        // Through an async lambda, so that a load that throws before its first await is a failed task, not a Lazy
        // that rethrows on every look.
        new(new Lazy<Task<Answer>>(async () =>
        {
            try
            {
                return new Answer(await load(hash, CancellationToken.None), clock.GetUtcNow(), Fresh: true);
            }
            catch (Exception) when (previous is not null && StandsIn(previous, clock.GetUtcNow()))
            {
                return previous with { Fresh = false };
            }
        }), now, previous);

    private static bool StandsIn(Answer answer, DateTimeOffset now) => now - answer.ConfirmedAt <= StandInFor;

    private static Answer? LatestAnswer(Entry entry) =>
        entry.Lookup.IsValueCreated && entry.Lookup.Value.IsCompletedSuccessfully ? entry.Lookup.Value.Result : entry.Previous;

    /// <summary>Unexpired and not failed: a lookup that failed (the database away) is tried again by the next request, and
    /// one answered by a stand-in a few seconds later.</summary>
    private static bool Current(Entry entry, DateTimeOffset now)
    {
        if (!entry.Lookup.IsValueCreated || !entry.Lookup.Value.IsCompleted)
            return entry.Created + CacheFor > now;
        if (!entry.Lookup.Value.IsCompletedSuccessfully)
            return false;
        var answer = entry.Lookup.Value.Result;
        return answer.Fresh ? entry.Created + CacheFor > now : entry.Created + RetryStandInAfter > now && StandsIn(answer, now);
    }
}
