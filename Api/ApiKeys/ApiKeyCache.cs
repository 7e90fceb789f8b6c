using System.Collections.Concurrent;

namespace Credit.Api.ApiKeys;

/// <summary>Whose API key a request carries, looked up by the key's SHA-256 (the only form stored) and cached
/// briefly, answers "nobody" included: a key is checked on every request, while keys change rarely.</summary>
public sealed class ApiKeyCache<T>(TimeProvider clock) where T : class
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (T? Holder, DateTimeOffset Until)> cache = new();

    /// <summary>The holder of <paramref name="key"/>, from the cache or from <paramref name="load"/>, which gets the hash.</summary>
    public async Task<T?> FindAsync(string key, Func<byte[], CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
    {
        var hash = ApiKeyHash.Of(key);
        var cacheKey = Convert.ToHexString(hash);
        if (cache.TryGetValue(cacheKey, out var cached) && cached.Until > clock.GetUtcNow())
            return cached.Holder;
        var holder = await load(hash, cancellationToken);
        cache[cacheKey] = (holder, clock.GetUtcNow() + CacheFor);
        return holder;
    }
}
