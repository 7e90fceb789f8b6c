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

    /// <summary>Listings no longer in force: their earlier changes are scrubbed and their row deleted.</summary>
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
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (Removed.Count > 0)
        {
            // Before this batch's own changes are added, so those keep what they say (a removal's before is scrubbed already).
            Add(batch, """
                UPDATE partner_changes SET before = (before - 'residence' - 'photoId') || '{"phones": []}'::jsonb,
                                           after = (after - 'residence' - 'photoId') || '{"phones": []}'::jsonb
                WHERE listing_id = ANY($1)
                """, ArrayParameter.Of(NpgsqlDbType.Uuid, Removed));
        }
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

    private static void Add(NpgsqlBatch batch, string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        batch.BatchCommands.Add(command);
    }
}
