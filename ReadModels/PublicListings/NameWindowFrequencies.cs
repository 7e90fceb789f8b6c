using Npgsql;

namespace Credit.ReadModels.PublicListings;

/// <summary>How common each two-character window is among published names, as PostgreSQL's own statistics
/// of <c>public_listings.name_bigrams</c> say (kept current by ANALYZE), read again at most once an hour.
/// A company name has a dozen windows and some of them (有限, 公司, 广州) occur in most companies; the GIN
/// index reads the whole posting list of every window it is given, so a search gives it the rarest ones only.</summary>
internal sealed class NameWindowFrequencies(NpgsqlDataSource database, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private sealed record Statistics(Dictionary<string, float> Frequencies, DateTimeOffset ReadAt);

    private volatile Statistics? current;

    /// <summary>At most <paramref name="count"/> of <paramref name="windows"/>, the rarest first; all of them
    /// when there are no statistics yet. Any subset finds every name the full set finds, because the
    /// search checks the name itself with LIKE as well.</summary>
    public async ValueTask<string[]> RarestAsync(string[] windows, int count, CancellationToken cancellationToken)
    {
        if (windows.Length <= count)
            return windows;
        var statistics = current;
        if (statistics is null || clock.GetUtcNow() - statistics.ReadAt > Lifetime)
            current = statistics = await ReadAsync(cancellationToken);
        return statistics.Frequencies.Count == 0
            ? windows
            : [.. windows.OrderBy(w => statistics.Frequencies.GetValueOrDefault(w)).Take(count)];
    }

    private async Task<Statistics> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats
            WHERE schemaname = current_schema() AND tablename = 'public_listings' AND attname = 'name_bigrams'
              AND most_common_elems IS NOT NULL
            """);
        var frequencies = new Dictionary<string, float>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken))
        {
            var elements = reader.GetFieldValue<string[]>(0);
            var shares = reader.GetFieldValue<float[]>(1);
            for (var i = 0; i < elements.Length && i < shares.Length; i++)
                frequencies[elements[i]] = shares[i];
        }
        return new Statistics(frequencies, clock.GetUtcNow());
    }
}
