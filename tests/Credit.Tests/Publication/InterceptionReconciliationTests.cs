using Credit.Hosting.Reconciliation;
using System.Net;
using System.Text.Json;
using Credit.Api.Publication;
using Credit.Client;
using Credit.Tests.Agencies;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Publication;

/// <summary>Reconciliation of the agencies' read model (<c>intercepted_subjects</c>) with the subjects' stored state, on a
/// platform of its own whose table is tampered with: a lost, altered or stray row is reported and repaired, and the repair
/// reaches the agencies that follow the changes.</summary>
public sealed class InterceptionReconciliationTests(TestPostgres postgres)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_lost_altered_renamed_misidentified_or_stray_row_is_reported_repaired_and_reaches_the_agencys_changes()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var platform = await RunningPlatform.StartAsync(connectionString);
        string lost = Identities.AdultResidentId(), altered = Identities.AdultResidentId(), renamed = Identities.AdultResidentId(),
            misidentified = Identities.AdultResidentId(), stray = Identities.AdultResidentId();
        foreach (var id in new[] { lost, altered, renamed, misidentified })
            Assert.Equal(HttpStatusCode.Created, (await platform.Client(PlatformFixture.Liwan).PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()))).StatusCode);
        var healthy = await RowsAsync(connectionString);

        await using (var connection = await OpenAsync(connectionString))
        {
            await using var tamper = new NpgsqlCommand("""
                DELETE FROM intercepted_subjects WHERE subject_key = 'p:' || @lost;
                UPDATE intercepted_subjects SET triggers = 1,
                    holds = (SELECT json_agg(h) FROM json_array_elements(holds) h WHERE h ->> 'trigger' <> 'ConsumptionRestriction')
                WHERE subject_key = 'p:' || @altered;
                UPDATE intercepted_subjects SET name = '错误姓名' WHERE subject_key = 'p:' || @renamed;
                UPDATE intercepted_subjects SET sex = 'Female' WHERE subject_key = 'p:' || @misidentified;
                INSERT INTO intercepted_subjects (subject_key, document_type, id_number, name, sex, birth_date, triggers, holds, position)
                VALUES ('p:' || @stray, 'ResidentId', @stray, '赵六', 'Male', '1980-01-01', 2, json_build_array(json_build_object(
                    'trigger', 'ConsumptionRestriction', 'itemId', gen_random_uuid(), 'court', '粤0103', 'caseNumber', '(2025)粤0103执1号', 'since', '2025-01-02')), 1);
                """, connection);
            foreach (var (name, id) in new[] { ("lost", lost), ("altered", altered), ("renamed", renamed), ("misidentified", misidentified), ("stray", stray) })
                tamper.Parameters.AddWithValue(name, id);
            await tamper.ExecuteNonQueryAsync(cancellation);
        }
        // An agency that took its snapshot from the damaged table.
        var railway = new CreditClient(platform.Client(AgencyKeys.Railway));
        var (position, followed) = await SnapshotAsync(railway);
        Assert.False(followed.ContainsKey(lost) || followed.ContainsKey(altered));
        Assert.True(followed.ContainsKey(stray));
        var reconciler = platform.Services.GetRequiredService<PublicationReconciler>();

        var repair = await reconciler.RunAsync(cancellation);
        var after = await reconciler.RunAsync(cancellation);

        Assert.Equal((5, 5, 5), (repair.Differences, repair.InterceptionDifferences, repair.Repaired));
        Assert.Equal(4, repair.Subjects);
        Assert.Equal((0, 0), (after.Differences, after.InterceptionDifferences));
        Assert.Equal(healthy, await RowsAsync(connectionString));

        var page = await railway.GetAgencyChangesAsync("railway", position, 1000, 0, cancellation);
        string[] Changes(string id) => [.. page.Changes.Where(c => c.Entry.IdNumber == id).Select(c => c.Type.ToString())];
        Assert.Equal(["Added"], Changes(lost));
        Assert.Equal(["Added"], Changes(altered));
        Assert.Equal(["Changed"], Changes(renamed));
        Assert.Equal("张三", page.Changes.Single(c => c.Entry.IdNumber == renamed).Entry.Name);
        // The agency knows a subject by its number: one it had under a wrong identity is removed and added anew.
        Assert.Equal(["Removed", "Added"], Changes(misidentified));
        Assert.Equal(["Removed"], Changes(stray));
        // Snapshot at N plus the changes after N is the repaired state.
        foreach (var change in page.Changes)
        {
            if (change.Type == AgencyChangeType.Removed)
                Assert.True(followed.Remove(change.Entry.IdNumber));
            else
                followed[change.Entry.IdNumber] = string.Join(',', change.Entry.Measures);
        }
        var (_, current) = await SnapshotAsync(railway);
        Assert.Equal(current.OrderBy(e => e.Key), followed.OrderBy(e => e.Key));
    }

    [Fact]
    public async Task A_repair_takes_new_log_positions_that_only_it_uses_and_marks_them()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var platform = await RunningPlatform.StartAsync(connectionString);
        var id = Identities.AdultResidentId();
        Assert.Equal(HttpStatusCode.Created, (await platform.Client(PlatformFixture.Liwan).PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()))).StatusCode);
        var head = await ScalarAsync(connectionString, "SELECT change_log_newest()");
        await using (var connection = await OpenAsync(connectionString))
        await using (var delete = new NpgsqlCommand($"DELETE FROM intercepted_subjects WHERE subject_key = 'p:{id}'", connection))
            Assert.Equal(1, await delete.ExecuteNonQueryAsync(cancellation));

        await platform.Services.GetRequiredService<PublicationReconciler>().RunAsync(cancellation);

        Assert.Equal(head + 1, await ScalarAsync(connectionString, "SELECT change_log_newest()"));
        Assert.Equal(head + 1, await ScalarAsync(connectionString, $"SELECT position FROM interception_changes WHERE subject_key = 'p:{id}' AND repair"));
        Assert.Equal(head + 1, await ScalarAsync(connectionString, $"SELECT position FROM intercepted_subjects WHERE subject_key = 'p:{id}'"));
        // Every position up to the head is a change of a subject or a repair, never both, never neither.
        Assert.Equal(0, await ScalarAsync(connectionString, """
            SELECT count(*) FROM generate_series(1, change_log_newest()) p
            WHERE (SELECT count(*) FROM change_log WHERE position = p) + (SELECT count(*) FROM interception_changes WHERE position = p AND repair) <> 1
            """));
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every row of the interception read model, all columns but the position it was written at.</summary>
    private static async Task<List<string>> RowsAsync(string connectionString)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand("""
            SELECT concat_ws('|', subject_key, document_type, id_number, name, sex, birth_date, triggers, holds::text)
            FROM intercepted_subjects ORDER BY subject_key
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            rows.Add(reader.GetString(0));
        return rows;
    }

    /// <summary>The agency's snapshot: its position, and each ID number with its measures.</summary>
    private static async Task<(long Position, Dictionary<string, string> State)> SnapshotAsync(CreditClient client)
    {
        using var snapshot = await client.GetAgencySnapshotAsync("railway", "ndjson", TestContext.Current.CancellationToken);
        var position = long.Parse(snapshot.Headers["Credit-Log-Position"].Single(), System.Globalization.CultureInfo.InvariantCulture);
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        using var lines = new StreamReader(snapshot.Stream);
        while (await lines.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            var entry = JsonSerializer.Deserialize<AgencyEntry>(line, Json)!;
            state.Add(entry.IdNumber, string.Join(',', entry.Measures));
        }
        return (position, state);
    }
}
