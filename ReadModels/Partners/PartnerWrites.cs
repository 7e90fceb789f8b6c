using System.Text.Json;
using Credit.Grains.Interfaces.Partners;
using Credit.ReadModels.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace Credit.ReadModels.Partners;

/// <summary>What one projection batch writes to <c>partner_changes</c> and <c>partner_listings</c>, gathered and then written
/// with one statement per kind (arrays through <c>unnest</c>): a statement per listing cost PostgreSQL several times as much per
/// row. Each listing appears at most once in a batch, so no statement touches a row another statement of the batch wrote.</summary>
internal sealed class PartnerWrites
{
    private readonly List<long> positions = [];
    private readonly List<Guid> changedListings = [];
    private readonly List<string> changedSubjects = [];
    private readonly List<string?> befores = [];
    private readonly List<string?> afters = [];
    private readonly List<Guid> listings = [];
    private readonly List<string> listingSubjects = [];
    private readonly List<string> listingJson = [];

    /// <summary>Listings no longer in force: their earlier changes are scrubbed (<see cref="PartnerListing.WithoutRecords"/>) and
    /// their row deleted.</summary>
    public List<Guid> Removed { get; } = [];

    public void AddChange(long position, Guid listing, string subject, string? before, string? after)
    {
        positions.Add(position);
        changedListings.Add(listing);
        changedSubjects.Add(subject);
        befores.Add(before);
        afters.Add(after);
    }

    public void AddListing(Guid listing, string subject, string json)
    {
        listings.Add(listing);
        listingSubjects.Add(subject);
        listingJson.Add(json);
    }

    public async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // Before this batch's own changes are added, so those keep what they say (a removal's before is scrubbed already).
        if (Removed.Count > 0)
            await ScrubEarlierChangesAsync(connection, transaction, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (positions.Count > 0)
        {
            Add(batch, """
                INSERT INTO partner_changes (position, listing_id, subject_key, before, after)
                SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::jsonb[], $5::jsonb[])
                """,
                ArrayParameter.Of(NpgsqlDbType.Bigint, positions), ArrayParameter.Of(NpgsqlDbType.Uuid, changedListings), ArrayParameter.Of(NpgsqlDbType.Text, changedSubjects),
                ArrayParameter.Of(NpgsqlDbType.Jsonb, befores), ArrayParameter.Of(NpgsqlDbType.Jsonb, afters));
        }
        if (Removed.Count > 0)
            Add(batch, "DELETE FROM partner_listings WHERE listing_id = ANY($1)", ArrayParameter.Of(NpgsqlDbType.Uuid, Removed));
        if (listings.Count > 0)
        {
            Add(batch, """
                INSERT INTO partner_listings (listing_id, subject_key, listing)
                SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[])
                ON CONFLICT (listing_id) DO UPDATE SET subject_key = excluded.subject_key, listing = excluded.listing
                """,
                ArrayParameter.Of(NpgsqlDbType.Uuid, listings), ArrayParameter.Of(NpgsqlDbType.Text, listingSubjects), ArrayParameter.Of(NpgsqlDbType.Jsonb, listingJson));
        }
        if (batch.BatchCommands.Count > 0)
            await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Rewrites the removed listings' earlier changes by the one rule <see cref="PartnerListing.WithoutRecords"/>, which
    /// the webhooks' in-memory window applies to its copies too.</summary>
    private async Task ScrubEarlierChangesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var (scrubbed, newBefores, newAfters) = (new List<long>(), new List<string?>(), new List<string?>());
        await using (var read = new NpgsqlCommand("SELECT position, before::text, after::text FROM partner_changes WHERE listing_id = ANY($1)", connection, transaction))
        {
            read.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Uuid, Removed));
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (before, after) = (Scrubbed(reader, 1), Scrubbed(reader, 2));
                if (before.Changed || after.Changed)
                {
                    scrubbed.Add(reader.GetInt64(0));
                    newBefores.Add(before.Json);
                    newAfters.Add(after.Json);
                }
            }
        }
        if (scrubbed.Count == 0)
            return;
        await using var update = new NpgsqlCommand("""
            UPDATE partner_changes c SET before = s.before, after = s.after
            FROM unnest($1::bigint[], $2::jsonb[], $3::jsonb[]) AS s(position, before, after)
            WHERE c.position = s.position
            """, connection, transaction);
        update.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Bigint, scrubbed));
        update.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Jsonb, newBefores));
        update.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Jsonb, newAfters));
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static (string? Json, bool Changed) Scrubbed(NpgsqlDataReader reader, int column)
    {
        if (reader.IsDBNull(column))
            return (null, false);
        var listing = JsonSerializer.Deserialize<PartnerListing>(reader.GetString(column), PartnerJson.Options)!;
        var (kept, scrubbed) = (JsonSerializer.Serialize(listing, PartnerJson.Options), JsonSerializer.Serialize(listing.WithoutRecords(), PartnerJson.Options));
        return (scrubbed, kept != scrubbed);
    }

    private static void Add(NpgsqlBatch batch, string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        batch.BatchCommands.Add(command);
    }
}
