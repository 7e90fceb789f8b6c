using Npgsql;

namespace Credit.ReadModels.ApiKeys;

/// <summary>A court as authenticated by its API key.</summary>
public sealed record CourtIdentity(string Code, string Name, string NameEn, string Label);

/// <summary>Looks up court API keys (table court_api_keys).</summary>
public sealed class CourtKeys(NpgsqlDataSource database, TimeProvider clock)
{
    private readonly ApiKeyCache<CourtIdentity> cache = new(clock);

    public Task<CourtIdentity?> FindAsync(string key, CancellationToken cancellationToken) => cache.FindAsync(key, async (hash, cancellation) =>
    {
        await using var command = database.CreateCommand("""
            SELECT c.code, c.name, c.name_en, k.label
            FROM court_api_keys k JOIN courts c ON c.code = k.court_code
            WHERE k.key_hash = $1 AND k.revoked_at IS NULL
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation)
            ? new CourtIdentity(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
            : null;
    }, cancellationToken);

    public static async Task AddAsync(NpgsqlDataSource database, string courtCode, string key, string label, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO court_api_keys (key_hash, court_code, label) VALUES ($1, $2, $3) ON CONFLICT (key_hash) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = ApiKeyHash.Of(key) });
        command.Parameters.Add(new NpgsqlParameter { Value = courtCode });
        command.Parameters.Add(new NpgsqlParameter { Value = label });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
