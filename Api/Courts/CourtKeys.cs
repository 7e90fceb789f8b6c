using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Credit.Api.Courts;

/// <summary>A court as authenticated by its API key.</summary>
public sealed record CourtIdentity(string Code, string Name, string NameEn, string Label);

/// <summary>Looks up court API keys by their SHA-256 hash. Answers are cached briefly: a key check
/// happens on every request, while keys change rarely.</summary>
public sealed class CourtKeys(NpgsqlDataSource database, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (CourtIdentity? Court, DateTimeOffset Until)> cache = new();

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public async Task<CourtIdentity?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexString(Hash(key));
        if (cache.TryGetValue(hash, out var cached) && cached.Until > clock.GetUtcNow())
            return cached.Court;
        await using var command = database.CreateCommand("""
            SELECT c.code, c.name, c.name_en, k.label
            FROM court_api_keys k JOIN courts c ON c.code = k.court_code
            WHERE k.key_hash = $1 AND k.revoked_at IS NULL
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = Hash(key) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var court = await reader.ReadAsync(cancellationToken)
            ? new CourtIdentity(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
            : null;
        cache[hash] = (court, clock.GetUtcNow() + CacheFor);
        return court;
    }

    public static async Task AddAsync(NpgsqlDataSource database, string courtCode, string key, string label, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO court_api_keys (key_hash, court_code, label) VALUES ($1, $2, $3) ON CONFLICT (key_hash) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = Hash(key) });
        command.Parameters.Add(new NpgsqlParameter { Value = courtCode });
        command.Parameters.Add(new NpgsqlParameter { Value = label });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
