using Credit.Hosting.Reconciliation;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Credit.Api.Publication;
using Credit.Client;
using Credit.Tests.Agencies;
using Credit.ReadModels.ChangeLog;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Publication;

[Collection(PlatformCollection.Name)]
public sealed class ChangeLogTests(PlatformFixture fixture, TestPostgres postgres)
{
    [Fact]
    public async Task A_reader_paging_by_position_during_concurrent_writes_never_misses_an_event()
    {
        // The reader starts where the log stands before any writer runs, so every event of this test is after it.
        long cursor = await MaxPositionAsync();
        var subjects = new ConcurrentBag<string>();
        using var writing = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var court = fixture.Platform.Client(PlatformFixture.Liwan);
            for (var i = 0; i < 15; i++)
            {
                var id = Identities.AdultResidentId();
                subjects.Add($"p:{id}");
                var listing = await (await court.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()))).JsonAsync();
                if (i % 3 == 0)
                {
                    var removed = await court.PostAsync($"{Person(id)}/listings/{listing.GetProperty("id").GetString()}/removal",
                        new JsonObject { ["reason"] = "CreditorRequest", ["explanation"] = "申请执行人书面申请" });
                    Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
                }
            }
        })).ToList();

        // The reader pages concurrently, remembering only its cursor, as an agency feed would, up to the safe point as every reader does.
        var seen = new HashSet<(string, long)>();
        var allWritten = Task.WhenAll(writers);
        // Once every writer is answered, the reader goes on until it has passed the newest position then taken: another
        // transaction open at that moment (any write in the database) may hold the safe point back for a while, never for good.
        long? lastWritten = null;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (lastWritten is null && allWritten.IsCompleted)
            {
                await using var taken = await Connection();
                await using var newest = new NpgsqlCommand("SELECT change_log_newest()", taken);
                lastWritten = (long)(await newest.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
            }
            await using var page = await Connection();
            await using var command = new NpgsqlCommand(
                $"SELECT position, subject_key, subject_version FROM change_log c WHERE position > $1 AND {ChangeLogHorizon.Readable("c")} ORDER BY position LIMIT 50", page);
            command.Parameters.Add(new NpgsqlParameter { Value = cursor });
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            var read = 0;
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                Assert.Equal(cursor + 1, reader.GetInt64(0)); // positions are gap-free
                cursor = reader.GetInt64(0);
                seen.Add((reader.GetString(1), reader.GetInt64(2)));
                read++;
            }
            if (cursor >= lastWritten)
                break;
            Assert.True(DateTime.UtcNow < deadline, $"the reader stopped at {cursor}, short of {lastWritten}");
            if (read == 0)
                await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        await allWritten;

        await using var connection = await Connection();
        await using var all = new NpgsqlCommand("SELECT subject_key, subject_version FROM change_log WHERE subject_key = ANY($1)", connection);
        all.Parameters.Add(new NpgsqlParameter { Value = subjects.ToArray() });
        var logged = new List<(string, long)>();
        await using (var reader = await all.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                logged.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        // 120 listings, each also restricted; 40 of them removed, lifting the restriction too.
        Assert.Equal(120 * 2 + 40 * 2, logged.Count);
        Assert.DoesNotContain(logged, e => !seen.Contains(e));
    }

    [Fact]
    public async Task Reconciliation_finds_no_difference_on_a_healthy_platform()
    {
        var court = fixture.Platform.Client(PlatformFixture.Liwan);
        Assert.Equal(HttpStatusCode.Created, (await court.PostAsync($"{Person(Identities.AdultResidentId())}/listings", PersonListing(CaseNumber()))).StatusCode);

        var report = await fixture.Platform.Services.GetRequiredService<PublicationReconciler>().RunAsync(TestContext.Current.CancellationToken);

        Assert.True(report.Subjects > 0);
        Assert.Equal(0, report.Differences);
    }

    [Fact]
    public async Task Positions_are_the_first_write_of_their_transaction_so_writers_take_them_in_the_order_of_their_ids()
    {
        // A database of its own: the positions taken here stay unused, which the platform's readers would pass over.
        await using var connection = new NpgsqlConnection(await postgres.CreateDatabaseAsync());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using (var first = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken))
        {
            var taken = await ScalarAsync(connection, first, "SELECT change_log_take(3)");
            Assert.Equal(taken, await ScalarAsync(connection, first, "SELECT change_log_newest()"));
            await first.RollbackAsync(TestContext.Current.CancellationToken);
        }

        await using var late = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await ScalarAsync(connection, late, "WITH i AS (INSERT INTO projected_subjects VALUES ('p:late-taker', 0) RETURNING 1) SELECT count(*) FROM i");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, late, "SELECT change_log_take(1)"));
        Assert.Contains("first write", refused.MessageText);
    }

    [Fact]
    public async Task A_transaction_left_open_in_another_database_of_the_server_does_not_hold_back_the_readers()
    {
        await using var elsewhere = new NpgsqlConnection(await postgres.CreateDatabaseAsync(migrate: false));
        await elsewhere.OpenAsync(TestContext.Current.CancellationToken);
        await using var open = await elsewhere.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await ScalarAsync(elsewhere, open, "SELECT pg_current_xact_id()::text::bigint");
        var before = await ReadableHeadAsync();

        var court = fixture.Platform.Client(PlatformFixture.Liwan);
        var id = Identities.AdultResidentId();
        Assert.Equal(HttpStatusCode.Created, (await court.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()))).StatusCode);

        // The other database's transaction is older than the listing's and still open, yet the listing is readable.
        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        var read = await new ChangeLogReader(database).ChangesAfterAsync(before, 100, TestContext.Current.CancellationToken);
        Assert.Contains(read, e => e.SubjectKey == $"p:{id}");
        Assert.True(await ReadableHeadAsync() > before);
    }

    [Fact]
    public async Task A_write_left_open_in_the_same_database_that_takes_no_positions_does_not_hold_back_the_feeds()
    {
        // An unrelated write held open in the platform's own database, as a grain-state upsert, a partner projector's batch or an
        // operator's psql session could be: it has a transaction ID older than the listing's, but took no change-log positions.
        await using var unrelated = await Connection();
        await using var open = await unrelated.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await ScalarAsync(unrelated, open, $"""
            WITH i AS (INSERT INTO publication_failures (subject_key, stored_version, attempts, first_failed_at, last_failed_at, last_error)
                       VALUES ('p:unrelated-{Guid.NewGuid():N}', 1, 1, now(), now(), 'held open by {nameof(ChangeLogTests)}') RETURNING 1)
            SELECT count(*) FROM i
            """);
        var unrelatedId = await ScalarAsync(unrelated, open, "SELECT pg_current_xact_id()::text::bigint");
        var before = await ReadableHeadAsync();

        var court = fixture.Platform.Client(PlatformFixture.Liwan);
        var id = Identities.AdultResidentId();
        Assert.Equal(HttpStatusCode.Created, (await court.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()))).StatusCode);

        // The listing reaches the change log's readers and the railway's feed while the unrelated write stays open (other tests'
        // position takers may hold the readers back for their few milliseconds, never for good).
        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        var railway = new CreditClient(fixture.Platform.Client(AgencyKeys.Railway));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var read = await new ChangeLogReader(database).ChangesAfterAsync(before, 1000, TestContext.Current.CancellationToken);
            var feed = await railway.GetAgencyChangesAsync("railway", before, 1000, 0, TestContext.Current.CancellationToken);
            if (read.Any(e => e.SubjectKey == $"p:{id}") && feed.Changes.Any(c => c.Entry.IdNumber == id))
                break;
            Assert.True(DateTime.UtcNow < deadline, "the listing never reached the readers while an unrelated write stayed open");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.True(await ScalarAsync(unrelated, open, "SELECT pg_current_xact_id()::text::bigint") == unrelatedId, "the unrelated write stayed open throughout");
        await open.RollbackAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_horizon_waits_for_an_open_position_taker_but_not_for_an_older_write_that_took_no_positions()
    {
        // A database of its own, so that nothing else runs in it.
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var other = new NpgsqlConnection(connectionString);
        await using var taker = new NpgsqlConnection(connectionString);
        await using var reader = new NpgsqlConnection(connectionString);
        foreach (var connection in new[] { other, taker, reader })
            await connection.OpenAsync(TestContext.Current.CancellationToken);

        await using var write = await other.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await ScalarAsync(other, write, "WITH i AS (INSERT INTO projected_subjects VALUES ('p:unrelated-writer', 0) RETURNING 1) SELECT count(*) FROM i");
        var writeId = await ScalarAsync(other, write, "SELECT pg_current_xact_id()::text::bigint");
        await using var taking = await taker.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await ScalarAsync(taker, taking, "SELECT change_log_take(2)");
        var takerId = await ScalarAsync(taker, taking, "SELECT pg_current_xact_id()::text::bigint");
        // A later transaction that ends, so that both open ones are in the readers' snapshot as running.
        await ScalarAsync(reader, null, "WITH i AS (INSERT INTO projected_subjects VALUES ('p:later-writer', 0) RETURNING 1) SELECT count(*) FROM i");
        Assert.True(writeId < takerId);

        // Other databases' transactions that end between a reader's snapshot and its look at the backends are waited for once,
        // so each answer is asked for a few times; none may pass the open taker.
        var horizons = new List<long>();
        for (var i = 0; i < 20 && horizons.LastOrDefault() != takerId; i++)
        {
            horizons.Add(await ScalarAsync(reader, null, "SELECT change_log_horizon()::text::bigint"));
            Assert.True(horizons[^1] <= takerId, $"the horizon {horizons[^1]} passed the open position taker {takerId}");
        }
        Assert.Equal(takerId, horizons[^1]);

        await taking.CommitAsync(TestContext.Current.CancellationToken);
        horizons.Clear();
        for (var i = 0; i < 20 && horizons.LastOrDefault() <= takerId; i++)
            horizons.Add(await ScalarAsync(reader, null, "SELECT change_log_horizon()::text::bigint"));
        Assert.True(horizons[^1] > takerId, $"the horizon stayed at {horizons[^1]} after the taker committed, held by the write {writeId}");
        await write.RollbackAsync(TestContext.Current.CancellationToken);
    }

    private async Task<long> ReadableHeadAsync()
    {
        await using var connection = await Connection();
        return await ScalarAsync(connection, null, "SELECT change_log_safe_head(change_log_horizon())");
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<NpgsqlConnection> Connection()
    {
        var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private async Task<long> MaxPositionAsync()
    {
        await using var connection = await Connection();
        await using var command = new NpgsqlCommand("SELECT COALESCE(max(position), 0) FROM change_log", connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
