using System.Collections.Concurrent;

namespace Credit.Api.ApiKeys;

/// <summary>Whose API key a request carries, looked up by the key's SHA-256 (the only form stored) and cached
/// briefly, answers "nobody" included: a key is checked on every request, while keys change rarely.</summary>
public sealed class ApiKeyCache<T>(TimeProvider clock) where T : class
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    // One lookup per key at a time. When an entry expired under load, every request in flight used to look the key up
    // at once, and the pool opened a database connection for each: a stall of 300-800 ms in the agency bench (32
    // connections), once the entry expired in the middle of a run.
    private readonly ConcurrentDictionary<string, Entry> cache = new();

    private sealed record Entry(Lazy<Task<T?>> Holder, DateTimeOffset Until);

    /// <summary>The holder of <paramref name="key"/>, from the cache or from <paramref name="load"/>, which gets the hash.
    /// Concurrent requests with the same key share one load.</summary>
    public async Task<T?> FindAsync(string key, Func<byte[], CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
    {
        var hash = ApiKeyHash.Of(key);
        var now = clock.GetUtcNow();
        var entry = cache.AddOrUpdate(Convert.ToHexString(hash),
            static (_, state) => New(state.hash, state.load, state.now),
            static (_, existing, state) => Current(existing, state.now) ? existing : New(state.hash, state.load, state.now),
            (hash, load, now));
        // A shared load is not cancelled with the request that started it: the others wait for it too.
        return await entry.Holder.Value.WaitAsync(cancellationToken);
    }

    private static Entry New(byte[] hash, Func<byte[], CancellationToken, Task<T?>> load, DateTimeOffset now) =>
        // Through an async lambda, so that a load that throws before its first await is a failed task, not a Lazy
        // that rethrows on every look.
        new(new Lazy<Task<T?>>(async () => await load(hash, CancellationToken.None)), now + CacheFor);

    /// <summary>Unexpired and not failed: a lookup that failed (the database away) is tried again by the next request.</summary>
    private static bool Current(Entry entry, DateTimeOffset now) =>
        entry.Until > now && !(entry.Holder.IsValueCreated && (entry.Holder.Value.IsFaulted || entry.Holder.Value.IsCanceled));
}
