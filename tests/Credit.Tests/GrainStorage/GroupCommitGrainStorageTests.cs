using Credit.Grains.Subjects;
using Credit.Hosting.Orleans;
using Credit.Hosting.Storage;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Credit.Tests.GrainStorage;

/// <summary>The subjects' grain storage commits concurrent grains' writes together, in Orleans' own table and rows, with the
/// provider's ETag rules: what it writes the ADO.NET provider reads back, and a write from a stale state is refused.</summary>
public sealed class GroupCommitGrainStorageTests(TestPostgres postgres) : IAsyncLifetime
{
    private InProcessTestCluster cluster = null!;
    private string connectionString = "";

    public async ValueTask InitializeAsync()
    {
        connectionString = await postgres.CreateDatabaseAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.UsePostgresGrainState(connectionString).UsePostgresReminders(connectionString));
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddCreditDomain();
            host.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 2, 0, 0, TimeSpan.Zero)));
            host.Services.AddCreditStorage(connectionString);
        });
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await cluster.DisposeAsync();

    private IGrainStorage Storage => cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(SubjectGrain.StorageName);

    private static GrainId Subject(string key) => GrainId.Create("subject", key);

    [Fact]
    public async Task Concurrent_writes_share_transactions_and_each_is_read_back_by_the_provider_with_its_version()
    {
        Assert.IsType<GroupCommitGrainStorage>(Storage);
        var keys = Enumerable.Range(0, 200).Select(_ => $"p:{Identities.AdultResidentId()}").ToArray();
        var states = keys.Select(_ => new GrainState<SubjectState>(new SubjectState())).ToArray();
        await Task.WhenAll(keys.Select((key, i) => Storage.WriteStateAsync("subject", Subject(key), states[i])));
        Assert.All(states, s => Assert.Equal("1", s.ETag));
        await Task.WhenAll(keys.Select((key, i) => Storage.WriteStateAsync("subject", Subject(key), states[i])));
        Assert.All(states, s => Assert.Equal("2", s.ETag));

        foreach (var key in keys)
        {
            var read = new GrainState<SubjectState>(new SubjectState());
            await Storage.ReadStateAsync("subject", Subject(key), read);
            Assert.True(read.RecordExists);
            Assert.Equal("2", read.ETag);
        }

        // One row per state, written by far fewer transactions than writes (a row's xmin is the transaction that wrote it last).
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var rows = new NpgsqlCommand(
            "SELECT count(*), count(DISTINCT xmin::text) FROM orleansstorage WHERE graintypestring = 'subject' AND grainidextensionstring = ANY($1)", connection);
        rows.Parameters.Add(new NpgsqlParameter { Value = keys });
        await using var reader = await rows.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(keys.Length, reader.GetInt64(0));
        Assert.True(reader.GetInt64(1) < keys.Length / 2, $"{reader.GetInt64(1)} transactions wrote {keys.Length} states");
    }

    [Fact]
    public async Task A_write_from_a_stale_state_is_refused_as_a_version_conflict_and_changes_nothing()
    {
        var key = $"p:{Identities.AdultResidentId()}";
        var first = new GrainState<SubjectState>(new SubjectState());
        await Storage.WriteStateAsync("subject", Subject(key), first);
        Assert.Equal("1", first.ETag);

        // A second activation that never read the row, and one that read version 1 after the first wrote version 2.
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("subject", Subject(key), new GrainState<SubjectState>(new SubjectState())));
        var stale = new GrainState<SubjectState>(new SubjectState()) { ETag = "1" };
        await Storage.WriteStateAsync("subject", Subject(key), first);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("subject", Subject(key), stale));

        var read = new GrainState<SubjectState>(new SubjectState());
        await Storage.ReadStateAsync("subject", Subject(key), read);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task Concurrent_reads_fill_each_grain_state_as_the_provider_does_stored_cleared_or_never_written()
    {
        var stored = Enumerable.Range(0, 100).Select(_ => $"p:{Identities.AdultResidentId()}").ToArray();
        var written = stored.Select((_, i) => new GrainState<SubjectState>(new SubjectState { Version = i + 1 })).ToArray();
        await Task.WhenAll(stored.Select((key, i) => Storage.WriteStateAsync("subject", Subject(key), written[i])));
        var cleared = stored[^1];
        await Storage.ClearStateAsync("subject", Subject(cleared), written[^1]);
        var never = Enumerable.Range(0, 20).Select(_ => $"p:{Identities.AdultResidentId()}").ToArray();

        var keys = stored.Concat(never).ToArray();
        var read = keys.Select(_ => new GrainState<SubjectState>(new SubjectState { Version = -1 }) { ETag = "stale" }).ToArray();
        await Task.WhenAll(keys.Select((key, i) => Storage.ReadStateAsync("subject", Subject(key), read[i])));

        for (var i = 0; i < stored.Length - 1; i++)
        {
            Assert.True(read[i].RecordExists);
            Assert.Equal("1", read[i].ETag);
            Assert.Equal(i + 1, read[i].State!.Version);
        }
        // Cleared: the row stays with its version bumped and no payload, so the state is a new one.
        var clearedRead = read[stored.Length - 1];
        Assert.True(clearedRead.RecordExists);
        Assert.Equal("2", clearedRead.ETag);
        Assert.Equal(0, clearedRead.State!.Version);
        foreach (var nothing in read[stored.Length..])
        {
            Assert.False(nothing.RecordExists);
            Assert.Null(nothing.ETag);
            Assert.NotNull(nothing.State);
            Assert.Equal(0, nothing.State!.Version);
        }

        // What was read is what a write goes on from: the next write of each is accepted with the next version.
        await Task.WhenAll(keys.Select((key, i) => Storage.WriteStateAsync("subject", Subject(key), read[i])));
        Assert.All(read[..(stored.Length - 1)], s => Assert.Equal("2", s.ETag));
        Assert.Equal("3", clearedRead.ETag);
        Assert.All(read[stored.Length..], s => Assert.Equal("1", s.ETag));
    }

    [Fact]
    public async Task New_and_stored_states_written_at_once_are_stored_together_each_with_its_next_version()
    {
        var stored = NewKeys(100);
        var states = stored.Select((_, i) => new GrainState<SubjectState>(new SubjectState { Version = i })).ToArray();
        await Task.WhenAll(stored.Select((key, i) => Storage.WriteStateAsync("subject", Subject(key), states[i])));
        var fresh = NewKeys(100);
        var freshStates = fresh.Select((_, i) => new GrainState<SubjectState>(new SubjectState { Version = 1000 + i })).ToArray();
        foreach (var (state, i) in states.Select((s, i) => (s, i)))
            state.State!.Version = 500 + i;

        await Task.WhenAll(stored.Select((key, i) => Storage.WriteStateAsync("subject", Subject(key), states[i]))
            .Concat(fresh.Select((key, i) => Storage.WriteStateAsync("subject", Subject(key), freshStates[i]))));

        Assert.All(states, s => Assert.Equal("2", s.ETag));
        Assert.All(freshStates, s => Assert.Equal("1", s.ETag));
        for (var i = 0; i < stored.Length; i++)
        {
            Assert.Equal((500L + i, "2"), await ReadAsync(stored[i]));
            Assert.Equal((1000L + i, "1"), await ReadAsync(fresh[i]));
        }
        var (rows, transactions) = await RowsAndTransactionsAsync([.. stored, .. fresh]);
        Assert.Equal(stored.Length + fresh.Length, rows);
        Assert.True(transactions < rows / 2, $"{transactions} transactions wrote {rows} states");
    }

    [Fact]
    public async Task A_stale_write_among_many_at_once_is_refused_alone_and_the_others_are_stored()
    {
        var keys = NewKeys(100);
        var states = keys.Select(_ => new GrainState<SubjectState>(new SubjectState())).ToArray();
        await Task.WhenAll(keys.Select((key, i) => Storage.WriteStateAsync("subject", Subject(key), states[i])));
        // Another activation moved the first grain on to version 2; the second grain's writer never read its row.
        await Storage.WriteStateAsync("subject", Subject(keys[0]), new GrainState<SubjectState>(new SubjectState { Version = 7 }) { ETag = "1" });
        states[1] = new GrainState<SubjectState>(new SubjectState());
        foreach (var (state, i) in states.Select((s, i) => (s, i)))
            state.State!.Version = 100 + i;

        var writes = keys.Select((key, i) => Storage.WriteStateAsync("subject", Subject(key), states[i])).ToArray();
        await Assert.ThrowsAsync<InconsistentStateException>(() => writes[0]);
        await Assert.ThrowsAsync<InconsistentStateException>(() => writes[1]);
        await Task.WhenAll(writes[2..]);

        Assert.Equal((7L, "2"), await ReadAsync(keys[0]));
        Assert.Equal((0L, "1"), await ReadAsync(keys[1]));
        for (var i = 2; i < keys.Length; i++)
        {
            Assert.Equal("2", states[i].ETag);
            Assert.Equal((100L + i, "2"), await ReadAsync(keys[i]));
        }
        // Stored together: the refusals did not make their groups fail and be written again one by one.
        var (rows, transactions) = await RowsAndTransactionsAsync(keys[2..]);
        Assert.True(transactions < rows / 2, $"{transactions} transactions wrote {rows} states");
    }

    [Fact]
    public async Task Two_first_writes_of_a_grain_at_once_store_one_and_refuse_the_other()
    {
        var keys = NewKeys(50);
        var first = keys.Select((_, i) => new GrainState<SubjectState>(new SubjectState { Version = 1 + i })).ToArray();
        var second = keys.Select((_, i) => new GrainState<SubjectState>(new SubjectState { Version = -1 - i })).ToArray();

        var writes = keys.SelectMany((key, i) => new[]
        {
            Outcome(Storage.WriteStateAsync("subject", Subject(key), first[i])),
            Outcome(Storage.WriteStateAsync("subject", Subject(key), second[i])),
        }).ToArray();
        var outcomes = await Task.WhenAll(writes);

        for (var i = 0; i < keys.Length; i++)
        {
            var (a, b) = (outcomes[2 * i], outcomes[2 * i + 1]);
            Assert.True(a ^ b, $"{keys[i]}: first stored {a}, second stored {b}");
            var winner = a ? first[i] : second[i];
            Assert.Equal("1", winner.ETag);
            Assert.Equal((winner.State!.Version, "1"), await ReadAsync(keys[i]));
        }
        var (rows, _) = await RowsAndTransactionsAsync(keys);
        Assert.Equal(keys.Length, rows);

        static async Task<bool> Outcome(Task write)
        {
            try
            {
                await write;
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }
    }

    private static string[] NewKeys(int count) => [.. Enumerable.Range(0, count).Select(_ => $"p:{Identities.AdultResidentId()}")];

    private async Task<(long Version, string? ETag)> ReadAsync(string key)
    {
        var read = new GrainState<SubjectState>(new SubjectState());
        await Storage.ReadStateAsync("subject", Subject(key), read);
        return (read.State!.Version, read.ETag);
    }

    /// <summary>The rows of the states and how many transactions wrote them last (a row's xmin).</summary>
    private async Task<(long Rows, long Transactions)> RowsAndTransactionsAsync(string[] keys)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var rows = new NpgsqlCommand(
            "SELECT count(*), count(DISTINCT xmin::text) FROM orleansstorage WHERE graintypestring = 'subject' AND grainidextensionstring = ANY($1)", connection);
        rows.Parameters.Add(new NpgsqlParameter { Value = keys });
        await using var reader = await rows.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
