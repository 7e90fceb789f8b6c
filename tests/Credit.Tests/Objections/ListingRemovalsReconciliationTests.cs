using System.Net;
using System.Text.Json.Nodes;
using Credit.Hosting.Reconciliation;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Objections;

/// <summary>Reconciliation writes <c>listing_removals</c> from the subjects' stored state, on a platform of its own whose table is
/// tampered with: a removal missing from it (as one made before the table existed), a row that says something else, and a row for a
/// listing still in force are reported and repaired.</summary>
public sealed class ListingRemovalsReconciliationTests(TestPostgres postgres)
{
    [Fact]
    public async Task Missing_altered_and_denied_removal_rows_are_rewritten_from_the_stored_state()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var platform = await RunningPlatform.StartAsync(connectionString);
        var liwan = platform.Client(PlatformFixture.Liwan);
        var (lost, altered, active) = (Identities.AdultResidentId(), Identities.AdultResidentId(), Identities.AdultResidentId());
        var listings = new Dictionary<string, Guid>();
        foreach (var id in new[] { lost, altered, active })
        {
            var created = await liwan.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            listings[id] = (await created.JsonAsync()).GetProperty("id").GetGuid();
        }
        foreach (var id in new[] { lost, altered })
            Assert.Equal(HttpStatusCode.OK, (await liwan.PostAsync($"{Person(id)}/listings/{listings[id]}/removal",
                new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已全部履行", ["eventDate"] = Today })).StatusCode);
        var healthy = await RowsAsync(connectionString);
        Assert.Equal(2, healthy.Count);

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellation);
            await using var tamper = new NpgsqlCommand("""
                DELETE FROM listing_removals WHERE listing_id = @lost;
                UPDATE listing_removals SET reason = 'Expiry', event_date = NULL, removed_by = '粤0104' WHERE listing_id = @altered;
                INSERT INTO listing_removals (listing_id, subject_key, court, removed_by, case_number, reason, event_date, removed_at, removed_on,
                    amount_owed, amount_performed)
                VALUES (@active, 'p:' || @activeId, '粤0103', '粤0103', '(2026)粤0103执1号', 'FullPerformance', NULL, now(), current_date, 1, 1);
                """, connection);
            tamper.Parameters.AddWithValue("lost", listings[lost]);
            tamper.Parameters.AddWithValue("altered", listings[altered]);
            tamper.Parameters.AddWithValue("active", listings[active]);
            tamper.Parameters.AddWithValue("activeId", active);
            await tamper.ExecuteNonQueryAsync(cancellation);
        }
        Assert.NotEqual(healthy, await RowsAsync(connectionString));
        var reconciler = platform.Services.GetRequiredService<PublicationReconciler>();

        var repair = await reconciler.RunAsync(cancellation);
        var after = await reconciler.RunAsync(cancellation);

        Assert.Equal(3, repair.RemovalDifferences);
        Assert.Equal(0, after.RemovalDifferences);
        Assert.Equal(healthy, await RowsAsync(connectionString));
    }

    /// <summary>The table as text, one line per row, in listing order.</summary>
    private static async Task<List<string>> RowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT concat_ws('|', listing_id, subject_key, court, removed_by, case_number, reason, event_date, removed_at, removed_on, amount_owed, amount_performed)
            FROM listing_removals ORDER BY listing_id
            """, connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }
}
