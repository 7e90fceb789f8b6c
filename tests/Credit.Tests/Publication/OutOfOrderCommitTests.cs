using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Client;
using Credit.ReadModels.ChangeLog;
using Credit.ReadModels.Interceptions;
using Credit.Tests.Agencies;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Publication;

/// <summary>Writers take change-log positions without waiting for each other, so a writer with a lower position can commit
/// after writers with higher ones. Here one real projection is held open in PostgreSQL, after it took its positions and wrote
/// its rows, while other courts' changes commit behind it: every reader must stop before it, and pick up everything, in
/// position order, once it commits.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OutOfOrderCommitTests(PlatformFixture fixture)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);

    [Fact]
    public async Task Readers_stop_before_a_change_still_being_written_and_deliver_it_in_order_once_it_commits()
    {
        var railway = new CreditClient(fixture.Platform.Client(AgencyKeys.Railway));
        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        var changeLog = new ChangeLogReader(database);
        var index = fixture.Platform.Services.GetRequiredService<InterceptionIndex>();

        // Four listed subjects, two of which are removed while the held change is open.
        var earlier = new List<(string Id, string Listing)>();
        for (var i = 0; i < 4; i++)
            earlier.Add(await ListAsync(Identities.AdultResidentId()));
        // Arranged: readers have passed every position taken so far (another write open in the database, such as a
        // partner's projection, holds the safe point back for its few milliseconds).
        var taken = await ChangeLogHorizon.NewestTakenAsync(database, Cancellation);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ScalarAsync(database, "SELECT change_log_safe_head(change_log_horizon())") < taken)
        {
            Assert.True(DateTime.UtcNow < deadline, "the safe point never reached the positions already taken");
            await Task.Delay(20, Cancellation);
        }
        var (before, stateBefore) = await SnapshotAsync(railway);

        // The held subject's projection will wait, before its commit, for a row of publication_failures that this test locks
        // (the projection deletes the subject's row there once it has written everything else).
        var held = Identities.AdultResidentId();
        await ExecuteAsync(database, $"""
            INSERT INTO publication_failures (subject_key, stored_version, attempts, first_failed_at, last_failed_at, last_error)
            VALUES ('p:{held}', 1, 1, now(), now(), 'held open by {nameof(OutOfOrderCommitTests)}')
            """);
        await using var holder = await database.OpenConnectionAsync(Cancellation);
        await using var holding = await holder.BeginTransactionAsync(Cancellation);
        await ExecuteAsync(holder, holding, $"SELECT 1 FROM publication_failures WHERE subject_key = 'p:{held}' FOR UPDATE");
        var newestBefore = await ChangeLogHorizon.NewestTakenAsync(database, Cancellation);
        var heldListing = Task.Run(() => Liwan.PostAsync($"{Person(held)}/listings", PersonListing(CaseNumber())), Cancellation);
        await WaitUntilBlockedByAsync(database, holder.ProcessID);
        var heldFirst = newestBefore + 1;
        var heldLast = await ChangeLogHorizon.NewestTakenAsync(database, Cancellation);
        Assert.True(heldLast >= heldFirst, "the held projection took its positions before it waited");

        // Behind it: two removals and two new listings commit at higher positions.
        foreach (var (id, listing) in earlier.Take(2))
        {
            var removal = await Liwan.PostAsync($"{Person(id)}/listings/{listing}/removal", new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已全部履行" });
            Assert.Equal(HttpStatusCode.OK, removal.StatusCode);
        }
        var later = new[] { Identities.AdultResidentId(), Identities.AdultResidentId() };
        foreach (var id in later)
            await ListAsync(id);
        Assert.True(await ScalarAsync(database, $"SELECT count(*) FROM change_log WHERE position > {heldLast}") >= 8, "later writers committed");

        // Every reader stops before the held positions: the snapshot, the agency's feed, the change log's reader, the check index.
        var (during, stateDuring) = await SnapshotAsync(railway);
        Assert.True(during < heldFirst, $"a snapshot during the hold is exact at {during}, before the held position {heldFirst}");
        Assert.Equal(stateBefore.OrderBy(e => e.Key), stateDuring.OrderBy(e => e.Key));
        var page = await railway.GetAgencyChangesAsync("railway", before, 1000, 0, Cancellation);
        Assert.Empty(page.Changes);
        Assert.True(page.Next < heldFirst, $"the feed's next position {page.Next} passes the held position {heldFirst}");
        Assert.Empty(await changeLog.ChangesAfterAsync(before, 1000, Cancellation));
        await Task.Delay(TimeSpan.FromSeconds(1.5), Cancellation); // the index follower polls every second
        Assert.True(index.Position < heldFirst, $"the check index reached {index.Position}, past the held position {heldFirst}");

        // Once the held projection commits, the readers deliver it and everything behind it, in position order, nothing skipped.
        await holding.RollbackAsync(Cancellation);
        Assert.Equal(HttpStatusCode.Created, (await heldListing).StatusCode);
        var (final, stateFinal) = await SnapshotAsync(railway);
        var followed = new Dictionary<string, string>(stateDuring, StringComparer.Ordinal);
        var positions = new List<long>();
        for (var after = page.Next; after < final;)
        {
            var next = await railway.GetAgencyChangesAsync("railway", after, 1000, 5, Cancellation);
            foreach (var change in next.Changes.Where(c => c.Position <= final))
            {
                positions.Add(change.Position);
                if (change.Type == AgencyChangeType.Removed)
                    Assert.True(followed.Remove(change.Entry.IdNumber), $"removed {change.Entry.IdNumber} at {change.Position}, which the snapshot at {during} did not have");
                else
                    followed[change.Entry.IdNumber] = Measures(change.Entry);
            }
            after = next.Next;
        }
        Assert.Equal(positions.Order().Distinct(), positions);
        Assert.Contains(heldLast, positions);
        Assert.Equal(stateFinal.OrderBy(e => e.Key), followed.OrderBy(e => e.Key));
        Assert.Contains(held, stateFinal.Keys);
        Assert.All(later, id => Assert.Contains(id, stateFinal.Keys));
        Assert.All(earlier.Take(2), e => Assert.DoesNotContain(e.Id, stateFinal.Keys));

        var logged = await changeLog.ChangesAfterAsync(before, 1000, Cancellation);
        Assert.Equal(logged.Select(e => e.Position).Order().Distinct(), logged.Select(e => e.Position));
        Assert.Equal(Enumerable.Range((int)heldFirst, (int)(heldLast - heldFirst + 1)).Select(p => (long)p),
            logged.Where(e => e.SubjectKey == $"p:{held}").Select(e => e.Position));
        Assert.Equal(0, await ScalarAsync(database, $"SELECT count(*) FROM publication_failures WHERE subject_key = 'p:{held}'"));
    }

    private async Task<(string Id, string Listing)> ListAsync(string id)
    {
        var created = await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (id, (await created.JsonAsync()).GetProperty("id").GetString()!);
    }

    /// <summary>Waits until a backend waits for a lock that the backend <paramref name="holder"/> holds.</summary>
    private static async Task WaitUntilBlockedByAsync(NpgsqlDataSource database, int holder)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ScalarAsync(database, $"SELECT count(*) FROM pg_stat_activity WHERE {holder} = ANY(pg_blocking_pids(pid))") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the held projection never reached the lock");
            await Task.Delay(20, Cancellation);
        }
    }

    private static string Measures(AgencyEntry entry) => string.Join(',', entry.Measures);

    private static async Task<(long Position, Dictionary<string, string> State)> SnapshotAsync(CreditClient client)
    {
        using var snapshot = await client.GetAgencySnapshotAsync("railway", "ndjson", Cancellation);
        var position = long.Parse(snapshot.Headers["Credit-Log-Position"].Single(), System.Globalization.CultureInfo.InvariantCulture);
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        using var lines = new StreamReader(snapshot.Stream);
        while (await lines.ReadLineAsync(Cancellation) is { } line)
        {
            var entry = JsonSerializer.Deserialize<AgencyEntry>(line, Json)!;
            Assert.True(state.TryAdd(entry.IdNumber, Measures(entry)), $"{entry.IdNumber} twice in one snapshot");
        }
        return (position, state);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Cancellation);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(Cancellation);
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Cancellation), System.Globalization.CultureInfo.InvariantCulture);
    }
}
