using Credit.Api.ApiKeys;
using Microsoft.Extensions.Time.Testing;

namespace Credit.Tests.ApiKeys;

/// <summary>Keys are looked up once per key at a time: when an entry expires under load, the requests in flight share
/// one database lookup instead of each opening a connection for its own.</summary>
public class ApiKeyCacheTests
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Concurrent_requests_for_an_expired_key_share_one_lookup()
    {
        var cache = new ApiKeyCache<string>(clock);
        var lookups = 0;
        var release = new TaskCompletionSource();
        async Task<string?> Load(byte[] hash, CancellationToken _)
        {
            Interlocked.Increment(ref lookups);
            await release.Task;
            return "railway";
        }
        release.SetResult();
        Assert.Equal("railway", await cache.FindAsync("key", Load, TestContext.Current.CancellationToken));
        clock.Advance(TimeSpan.FromSeconds(31));
        release = new TaskCompletionSource();

        var waiting = Enumerable.Range(0, 32).Select(_ => cache.FindAsync("key", Load, TestContext.Current.CancellationToken)).ToList();
        release.SetResult();
        var holders = await Task.WhenAll(waiting);

        Assert.All(holders, holder => Assert.Equal("railway", holder));
        Assert.Equal(2, lookups);
    }

    [Fact]
    public async Task A_cached_answer_is_used_until_it_expires_and_a_failed_lookup_is_tried_again()
    {
        var cache = new ApiKeyCache<string>(clock);
        var answers = new Queue<Func<string?>>([() => throw new TimeoutException("database away"), () => "border-inspection", () => null]);
        Task<string?> Load(byte[] hash, CancellationToken _) => Task.FromResult(answers.Dequeue()());

        await Assert.ThrowsAsync<TimeoutException>(() => cache.FindAsync("key", Load, TestContext.Current.CancellationToken));
        Assert.Equal("border-inspection", await cache.FindAsync("key", Load, TestContext.Current.CancellationToken));
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("border-inspection", await cache.FindAsync("key", Load, TestContext.Current.CancellationToken));
        clock.Advance(TimeSpan.FromSeconds(2));
        // Revoked since: the next lookup after expiry says so.
        Assert.Null(await cache.FindAsync("key", Load, TestContext.Current.CancellationToken));
        Assert.Empty(answers);
    }
}
