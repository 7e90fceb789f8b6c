using System.Collections.Concurrent;
using Credit.Api.Courts;
using Npgsql;

namespace Credit.Api.Agencies.Access;

/// <summary>An agency system as authenticated by its API key.</summary>
public sealed record AgencyIdentity(string Code, string Label);

/// <summary>Looks up agency API keys by their SHA-256 hash, cached briefly like the courts' keys.</summary>
public sealed class AgencyKeys(NpgsqlDataSource database, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (AgencyIdentity? Agency, DateTimeOffset Until)> cache = new();

    public async Task<AgencyIdentity?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexString(CourtKeys.Hash(key));
        if (cache.TryGetValue(hash, out var cached) && cached.Until > clock.GetUtcNow())
            return cached.Agency;
        await using var command = database.CreateCommand("SELECT agency_code, label FROM agency_api_keys WHERE key_hash = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = CourtKeys.Hash(key) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var agency = await reader.ReadAsync(cancellationToken) ? new AgencyIdentity(reader.GetString(0), reader.GetString(1)) : null;
        cache[hash] = (agency, clock.GetUtcNow() + CacheFor);
        return agency;
    }

    public static async Task AddAsync(NpgsqlDataSource database, string agencyCode, string key, string label, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO agency_api_keys (key_hash, agency_code, label) VALUES ($1, $2, $3) ON CONFLICT (key_hash) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = CourtKeys.Hash(key) });
        command.Parameters.Add(new NpgsqlParameter { Value = agencyCode });
        command.Parameters.Add(new NpgsqlParameter { Value = label });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
