using Credit.Grains.Interfaces.Time;
using Npgsql;

namespace Credit.ReadModels.PublicListings;

/// <summary>A published listing and how far its subject's recorded usual residence lies from the point asked about, in whole
/// kilometres measured from the residence's cell of the 0.01° grid: the public learns that a debtor lives near, not where (the
/// residence itself is never published).</summary>
public sealed record NearbyListing(PublicListing Listing, int DistanceKm);

/// <summary>The listings in force whose subject's usual residence (as a court recorded it for the partners) lies within a
/// circle, nearest first. Measured from the centre of the residence's cell of the 0.01° grid (about 1 km; migration 0770), never
/// the recorded point: circle membership is deterministic per cell, so probing it from many centres locates the cell and no
/// better. Measured by PostgreSQL's earthdistance module on its sphere: the GiST index on the cells finds those in a box
/// around the circle, and the exact distance keeps those inside it.</summary>
public sealed class NearbySearch(NpgsqlDataSource database, TimeProvider clock)
{
    public const int MaximumLimit = 100;

    public async Task<IReadOnlyList<NearbyListing>> SearchAsync(double latitude, double longitude, double radiusKm, int limit, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", PostgresPublicSearch.Columns.Split(',', StringSplitOptions.TrimEntries).Select(c => $"l.{c}"));
        await using var command = database.CreateCommand($"""
            WITH here AS (SELECT ll_to_earth(@lat, @lon) AS point)
            SELECT {columns}, earth_distance(here.point, ll_to_earth(r.coarse_latitude, r.coarse_longitude)) AS metres
            FROM here, subject_partner_records r
            JOIN public_listings l ON l.subject_key = r.subject_key
            WHERE r.coarse_latitude IS NOT NULL
              AND earth_box(here.point, @metres) @> ll_to_earth(r.coarse_latitude, r.coarse_longitude)
              AND earth_distance(here.point, ll_to_earth(r.coarse_latitude, r.coarse_longitude)) <= @metres
              AND {PostgresPublicSearch.InForceOn("@today").Replace("publication_date", "l.publication_date").Replace("period_end", "l.period_end")}
            ORDER BY metres, l.listing_id
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("lat", latitude);
        command.Parameters.AddWithValue("lon", longitude);
        command.Parameters.AddWithValue("metres", radiusKm * 1000);
        command.Parameters.AddWithValue("today", clock.Today());
        command.Parameters.AddWithValue("limit", limit);
        var today = clock.Today();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<NearbyListing>();
        while (await reader.ReadAsync(cancellationToken))
            found.Add(new NearbyListing(PostgresPublicSearch.Read(reader, today), (int)Math.Round(reader.GetDouble(reader.GetOrdinal("metres")) / 1000, MidpointRounding.AwayFromZero)));
        return found;
    }
}
