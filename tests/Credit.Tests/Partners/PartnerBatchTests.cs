using System.Text.Json;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.Partners;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Credit.Tests.Partners;

/// <summary>The partner projection run by hand on a database of its own, so that one batch is known to hold many subjects'
/// listings added and removed together.</summary>
public sealed class PartnerBatchTests(TestPostgres postgres)
{
    private long logPosition;

    [Fact]
    public async Task One_batch_of_many_subjects_gives_consecutive_positions_in_the_order_subjects_were_named_and_scrubs_removals()
    {
        await using var database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync(migrate: true));
        var projector = new PartnerProjector(database, TimeProvider.System, NullLogger<PartnerProjector>.Instance);
        var subjects = Enumerable.Range(0, 40).Select(_ => $"p:{Identities.AdultResidentId()}").ToList();
        var first = new Dictionary<string, Guid>();
        var second = new Dictionary<string, Guid>();
        foreach (var subject in subjects.Take(30))
        {
            first[subject] = await ListAsync(database, subject);
            second[subject] = await ListAsync(database, subject);
            await RecordPhonesAsync(database, subject);
        }
        while (await projector.ProjectAsync(CancellationToken.None))
        {
        }
        Assert.Equal(60, (await ChangesAsync(database)).Count);

        // Named in reverse, so the batch's order is not the order of the first one: 0-9 lose a listing, 10-19 gain one,
        // 20-24 lose both, and 30-39 are listed and removed before the projection sees them.
        var named = new List<string>();
        var third = new Dictionary<string, Guid>();
        for (var i = 39; i >= 0; i--)
        {
            var subject = subjects[i];
            if (i is >= 30)
                await RemoveAsync(database, subject, await ListAsync(database, subject));
            else if (i is >= 20 and < 25)
            {
                await RemoveAsync(database, subject, second[subject]);
                await RemoveAsync(database, subject, first[subject]);
            }
            else if (i is >= 10 and < 20)
                third[subject] = await ListAsync(database, subject);
            else if (i < 10)
                await RemoveAsync(database, subject, first[subject]);
            else
                continue;
            named.Add(subject);
        }
        Assert.False(await projector.ProjectAsync(CancellationToken.None));

        var changes = await ChangesAsync(database);
        Assert.Equal(Enumerable.Range(1, 90).Select(p => (long)p), changes.Select(c => c.Position));
        var batch = changes.Skip(60).ToList();
        var expected = named.Where(s => subjects.IndexOf(s) < 30).SelectMany(s => subjects.IndexOf(s) switch
        {
            < 10 => [first[s]],
            < 20 => [third[s]],
            _ => new[] { first[s], second[s] }.Order().ToArray(),
        }).ToList();
        Assert.Equal(expected, batch.Select(c => c.Listing));
        Assert.All(batch.Where(c => third.ContainsValue(c.Listing)), c => Assert.Null(c.Before));
        Assert.All(batch.Where(c => !third.ContainsValue(c.Listing)), c => Assert.Null(c.After));

        var removed = subjects.Take(10).Select(s => first[s]).Concat(subjects.Skip(20).Take(5).SelectMany(s => new[] { first[s], second[s] })).ToHashSet();
        foreach (var change in changes.Where(c => removed.Contains(c.Listing)))
        {
            foreach (var side in new[] { change.Before, change.After }.OfType<JsonElement>())
            {
                Assert.Equal(0, side.GetProperty("phones").GetArrayLength());
                Assert.False(side.TryGetProperty("residence", out var residence) && residence.ValueKind != JsonValueKind.Null);
            }
        }
        Assert.Contains(changes, c => !removed.Contains(c.Listing) && c.After is { } after && after.GetProperty("phones").GetArrayLength() == 1);

        var inForce = subjects.Take(30).SelectMany(s => new[] { first[s], second[s] }).Concat(third.Values).Except(removed).Order().ToList();
        var projected = await ListingsAsync(database);
        Assert.Equal(inForce, projected.Keys.Order());
        foreach (var (listing, json) in projected)
            Assert.Equal(changes.Last(c => c.Listing == listing).After!.Value.GetRawText(), json.GetRawText());
    }

    private async Task<Guid> ListAsync(NpgsqlDataSource database, string subject)
    {
        var listing = Guid.NewGuid();
        var number = subject[2..];
        await using var command = database.CreateCommand("""
            WITH listed AS (
            INSERT INTO public_listings (listing_id, subject_key, subject_version, is_entity, document_type, id_number, masked_id, name,
                court_code, court_name, province, case_number, basis_issuer, basis_number, obligation, amount_owed, performance_status,
                amount_performed, grounds, behaviours, filing_date, publication_date)
            VALUES ($1, $2, 1, false, 'ResidentId', $3, $4, '张三', '440103', '广州市荔湾区人民法院', '广东省', $5, '广州市荔湾区人民法院',
                '(2025)粤0103民初1号', '偿还借款', 1000, 'NotPerformed', 0, '{1}', '拒不履行', $6, $6)
            )
            INSERT INTO change_log (position, subject_key, subject_version, kind, item_id, court, actor, reason, changed_at)
            VALUES ($7, $2, $7, 'Listed', $1, '440103', 'test', 'test', now());
            """);
        command.Parameters.AddWithValue(listing);
        command.Parameters.AddWithValue(subject);
        command.Parameters.AddWithValue(number);
        command.Parameters.AddWithValue($"{number[..6]}********{number[^4..]}");
        command.Parameters.AddWithValue($"(2025)粤0103执{Random.Shared.Next(1, 99999)}号");
        command.Parameters.AddWithValue(TimeProvider.System.Today().AddDays(-1));
        command.Parameters.AddWithValue(++logPosition);
        await command.ExecuteNonQueryAsync();
        return listing;
    }

    private async Task RemoveAsync(NpgsqlDataSource database, string subject, Guid listing)
    {
        await using var command = database.CreateCommand("""
            WITH removed AS (DELETE FROM public_listings WHERE listing_id = $1)
            INSERT INTO change_log (position, subject_key, subject_version, kind, item_id, court, actor, reason, changed_at)
            VALUES ($3, $2, $3, 'ListingRemoved', $1, '440103', 'test', 'test', now());
            """);
        command.Parameters.AddWithValue(listing);
        command.Parameters.AddWithValue(subject);
        command.Parameters.AddWithValue(++logPosition);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task RecordPhonesAsync(NpgsqlDataSource database, string subject)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO subject_partner_records (subject_key, region_code, street, latitude, longitude, phones, court, actor)
            VALUES ($1, '440103', '彩虹街道', 23.12, 113.24, '{13800138000}', '440103', 'test')
            """);
        command.Parameters.AddWithValue(subject);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<(long Position, Guid Listing, JsonElement? Before, JsonElement? After)>> ChangesAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT position, listing_id, before::text, after::text FROM partner_changes ORDER BY position");
        await using var reader = await command.ExecuteReaderAsync();
        var changes = new List<(long, Guid, JsonElement?, JsonElement?)>();
        while (await reader.ReadAsync())
            changes.Add((reader.GetInt64(0), reader.GetGuid(1), Json(reader, 2), Json(reader, 3)));
        return changes;
    }

    private static async Task<Dictionary<Guid, JsonElement>> ListingsAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT listing_id, listing::text FROM partner_listings");
        await using var reader = await command.ExecuteReaderAsync();
        var listings = new Dictionary<Guid, JsonElement>();
        while (await reader.ReadAsync())
            listings[reader.GetGuid(0)] = Json(reader, 1)!.Value;
        return listings;
    }

    private static JsonElement? Json(NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : JsonDocument.Parse(reader.GetString(column)).RootElement.Clone();
}
