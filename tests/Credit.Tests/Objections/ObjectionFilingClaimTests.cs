using System.Globalization;
using Credit.ReadModels.Objections;
using Credit.Tests.Infrastructure;
using Npgsql;

namespace Credit.Tests.Objections;

/// <summary>The claim of a filing's Idempotency-Key (<see cref="ObjectionQueries.ClaimFilingAsync"/>) under a double submission: both
/// requests get the first one's receipt, and the claim leaves the connections it drew from the pool to whoever draws them next.</summary>
public sealed class ObjectionFilingClaimTests(TestPostgres postgres)
{
    /// <summary>A claim that consumed another request's results left both waiting on a stream out of step: a hang, so a bound.</summary>
    [Fact(Timeout = 120_000)]
    public async Task Concurrent_claims_of_one_key_get_one_receipt_and_leave_the_pools_other_readers_their_own_results_Art11()
    {
        var cancellation = TestContext.Current.CancellationToken;
        // A small pool, so a connection a claim gives back is at once another reader's.
        var connection = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync()) { MaxPoolSize = 6 };
        await using var database = NpgsqlDataSource.Create(connection.ConnectionString);
        var queries = new ObjectionQueries(database);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var others = Enumerable.Range(0, 2).Select(reader => ReadUntilStoppedAsync(database, reader, stop.Token)).ToList();

        for (var round = 0; round < 150; round++)
        {
            var key = Guid.NewGuid().ToString();
            var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => queries.ClaimFilingAsync(key, "fingerprint", $"R{round}-{i}", $"CODE{i}", cancellation)));

            Assert.All(claims, claim => Assert.Equal(claims[0], claim));
            var first = int.Parse(claims[0].Receipt[(claims[0].Receipt.IndexOf('-', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
            Assert.Equal($"CODE{first}", claims[0].Code);
        }
        await stop.CancelAsync();
        Assert.True((await Task.WhenAll(others)).All(reads => reads > 0));
    }

    /// <summary>Another request on the same pool, reading again and again: each read must get its own answer, whole.</summary>
    private static async Task<int> ReadUntilStoppedAsync(NpgsqlDataSource database, int reader, CancellationToken stop)
    {
        var reads = 0;
        for (; !stop.IsCancellationRequested; reads++)
        {
            try
            {
                await EchoAsync(database, reader * 100_000 + reads, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
        }
        return reads;
    }

    /// <summary>Another request's read on the same pool: it must get its own answer, whole.</summary>
    private static async Task EchoAsync(NpgsqlDataSource database, int value, CancellationToken cancellation)
    {
        await using var command = database.CreateCommand("SELECT $1::int FROM generate_series(1, 50)");
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var rows = 0;
        while (await reader.ReadAsync(cancellation))
        {
            Assert.Equal(value, reader.GetInt32(0));
            rows++;
        }
        Assert.Equal(50, rows);
    }
}
