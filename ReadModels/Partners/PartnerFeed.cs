using System.Data;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Credit.Grains.Interfaces.Partners;
using Npgsql;

namespace Credit.ReadModels.Partners;

/// <summary>Reads the partners' change log and the listings it leads to. A snapshot is exact at the head it names: what the
/// log holds after that position is exactly what the snapshot lacks.</summary>
public sealed class PartnerFeed(NpgsqlDataSource database)
{
    public async Task<long> HeadAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT last FROM partner_feed_head WHERE id = 1");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Opens a snapshot: its position, then every listing in force as of it.</summary>
    public async Task<PartnerSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await using var head = new NpgsqlCommand("SELECT last FROM partner_feed_head WHERE id = 1", connection, transaction);
            var position = (long)(await head.ExecuteScalarAsync(cancellationToken))!;
            return new PartnerSnapshot(connection, transaction, position);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<IReadOnlyList<PartnerChangeRow>> ChangesAfterAsync(long position, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT position, before, after, committed_at FROM partner_changes WHERE position > $1 ORDER BY position LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = position });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<PartnerChangeRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PartnerChangeRow(reader.GetInt64(0), Listing(reader, 1), Listing(reader, 2),
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc))));
        }
        return rows;
    }

    private static PartnerListing? Listing(NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : JsonSerializer.Deserialize<PartnerListing>(reader.GetString(column), PartnerJson.Options);
}

/// <summary>Every listing in force for the partners as of <see cref="Position"/>, read in one repeatable-read transaction.</summary>
public sealed class PartnerSnapshot(NpgsqlConnection connection, NpgsqlTransaction transaction, long position) : IAsyncDisposable
{
    public long Position { get; } = position;

    public async IAsyncEnumerable<PartnerListing> ListingsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT listing FROM partner_listings ORDER BY listing_id", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return JsonSerializer.Deserialize<PartnerListing>(reader.GetString(0), PartnerJson.Options)!;
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
