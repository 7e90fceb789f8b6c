using Credit.ReadModels.ApiKeys;
using Microsoft.Extensions.Time.Testing;

namespace Credit.Tests.ApiKeys;

/// <summary>Keys are looked up once per key at a time: when an entry expires under load, the requests in flight share
/// one database lookup instead of each opening a connection for its own; and while the database cannot be asked, the
/// answer it gave recently stands in, for a bounded time.</summary>
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

    [Fact]
    public async Task While_the_database_cannot_be_asked_a_key_it_confirmed_recently_keeps_working_for_a_bounded_time()
    {
        var cache = new ApiKeyCache<string>(clock);
        var databaseAway = false;
        var lookups = 0;
        Task<string?> Load(byte[] hash, CancellationToken _)
        {
            lookups++;
            return databaseAway ? throw new TimeoutException("database away") : Task.FromResult<string?>("railway");
        }
        Assert.Equal("railway", await cache.FindAsync("key", Load, TestContext.Current.CancellationToken));

        databaseAway = true;
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("railway", await cache.FindAsync("key", Load, TestContext.Current.CancellationToken));
        clock.Advance(ApiKeyCache<string>.StandInFor - TimeSpan.FromSeconds(32));
        Assert.Equal("railway", await cache.FindAsync("key", Load, TestContext.Current.CancellationToken));
        // A key never seen, and a key confirmed longer ago than that, wait for the database.
        await Assert.ThrowsAsync<TimeoutException>(() => cache.FindAsync("other key", Load, TestContext.Current.CancellationToken));
        clock.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<TimeoutException>(() => cache.FindAsync("key", Load, TestContext.Current.CancellationToken));

        databaseAway = false;
        Assert.Equal("railway", await cache.FindAsync("key", Load, TestContext.Current.CancellationToken));
        Assert.Equal(6, lookups);
    }

    [Fact]
    public async Task While_the_database_cannot_be_asked_its_lookup_is_tried_again_every_few_seconds_not_on_every_request()
    {
        var cache = new ApiKeyCache<string>(clock);
        var lookups = 0;
        Task<string?> Load(byte[] hash, CancellationToken _) =>
            ++lookups == 1 ? Task.FromResult<string?>("railway") : throw new TimeoutException("database away");
        await cache.FindAsync("key", Load, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(31));

        for (var i = 0; i < 10; i++)
            Assert.Equal("railway", await cache.FindAsync("key", Load, TestContext.Current.CancellationToken));
        Assert.Equal(2, lookups);
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal("railway", await cache.FindAsync("key", Load, TestContext.Current.CancellationToken));
        Assert.Equal(3, lookups);
    }

    /// <summary>A lookup that answers <paramref name="holder"/> once, and then hangs until <paramref name="hanging"/> ends, as a
    /// database that stopped answering does.</summary>
    private static Func<byte[], CancellationToken, Task<string?>> AnswersOnceThenHangs(string holder, TaskCompletionSource<string?> hanging)
    {
        var first = true;
        return (_, _) =>
        {
            if (!first)
                return hanging.Task;
            first = false;
            return Task.FromResult<string?>(holder);
        };
    }

    [Fact]
    public async Task A_lookup_that_hangs_does_not_hold_up_a_key_confirmed_recently()
    {
        var cache = new ApiKeyCache<string>(clock);
        var hanging = new TaskCompletionSource<string?>();
        var load = AnswersOnceThenHangs("railway", hanging);
        await cache.FindAsync("key", load, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(31));

        var waiting = cache.FindAsync("key", load, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("railway", await waiting);
        hanging.SetResult(null);
    }

    [Fact]
    public async Task Requests_that_come_after_a_lookup_has_hung_its_patience_long_do_not_wait_again()
    {
        var cache = new ApiKeyCache<string>(clock);
        var hanging = new TaskCompletionSource<string?>();
        var load = AnswersOnceThenHangs("border-inspection", hanging);
        await cache.FindAsync("key", load, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(31));
        var firstWaiting = cache.FindAsync("key", load, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("border-inspection", await firstWaiting);

        var later = cache.FindAsync("key", load, TestContext.Current.CancellationToken);

        Assert.True(later.IsCompleted, "a request after the lookup had hung 2 s waited for it again");
        Assert.Equal("border-inspection", await later);
        hanging.SetResult(null);
    }
}
