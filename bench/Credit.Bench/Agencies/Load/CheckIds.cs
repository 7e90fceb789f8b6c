using System.Globalization;
using System.Runtime.InteropServices;
using Credit.Bench.Seeding;
using Credit.Grains.Interfaces.Identifiers;
using Npgsql;

namespace Credit.Bench.Agencies.Load;

/// <summary>The IDs the checks ask about: hits drawn at random from the seeded subjects (resident IDs and credit
/// codes as they occur), misses that are valid IDs of nobody intercepted, and the two shuffled together.</summary>
public sealed record CheckIds(IReadOnlyList<string> Hits, IReadOnlyList<string> Misses, IReadOnlyList<string> Mixed)
{
    public static async Task<CheckIds> BuildAsync(NpgsqlDataSource database, int count, DateOnly today, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var hits = await SampleAsync(database, count, seed, cancellationToken);
        var misses = await MissesAsync(database, count, new SyntheticIdentities(random, today), random, cancellationToken);
        var mixed = hits.Concat(misses).ToList();
        random.Shuffle(CollectionsMarshal.AsSpan(mixed));
        return new CheckIds(hits, misses, mixed);
    }

    private static async Task<List<string>> SampleAsync(NpgsqlDataSource database, int count, int seed, CancellationToken cancellationToken)
    {
        await using var estimate = database.CreateCommand("SELECT greatest(reltuples, 1)::bigint FROM pg_class WHERE oid = 'intercepted_subjects'::regclass");
        var rows = (long)(await estimate.ExecuteScalarAsync(cancellationToken))!;
        var percent = Math.Min(100.0, 100.0 * count * 1.3 / rows);
        await using var command = database.CreateCommand($"""
            SELECT id_number FROM intercepted_subjects TABLESAMPLE BERNOULLI ({percent.ToString(CultureInfo.InvariantCulture)}) REPEATABLE ({seed}) LIMIT {count}
            """);
        var hits = new List<string>(count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            hits.Add(reader.GetString(0));
        return hits.Count > 0 ? hits : throw new InvalidOperationException("intercepted_subjects is empty");
    }

    /// <summary>Valid resident IDs and credit codes (one in ten, as among the seeded subjects) that nobody intercepted holds.</summary>
    private static async Task<List<string>> MissesAsync(NpgsqlDataSource database, int count, SyntheticIdentities identities, Random random, CancellationToken cancellationToken)
    {
        var candidates = Enumerable.Range(0, count + count / 10)
            .Select(_ => random.NextDouble() < 0.1 ? identities.CreditCode().Value : identities.ResidentId(random.NextDouble() < 0.75 ? Sex.Male : Sex.Female).Value)
            .ToList();
        await using var command = database.CreateCommand("SELECT id_number FROM intercepted_subjects WHERE id_number = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = candidates.ToArray() });
        var taken = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                taken.Add(reader.GetString(0));
        }
        return [.. candidates.Where(id => !taken.Contains(id)).Take(count)];
    }
}
