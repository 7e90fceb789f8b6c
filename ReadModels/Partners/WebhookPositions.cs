using Npgsql;

namespace Credit.ReadModels.Partners;

/// <summary>The webhook subscriptions' delivered positions, gathered from every subscription on this silo and written in one
/// statement once a second rather than one commit per delivery. A crash loses at most the last interval's positions:
/// those events are sent again (same <c>webhook-id</c>, in order), which at-least-once delivery allows and receivers drop by id.
/// Writing a position clears the subscription's failure only if that failure was at or before it.</summary>
public sealed class WebhookPositions(NpgsqlDataSource database)
{
    /// <summary>A thousand busy subscriptions make a thousand row versions per flush: this bounds PostgreSQL's share of a
    /// delivery, and the events sent again after a crash (a second's worth per subscription).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private Dictionary<Guid, long> pending = [];

    /// <summary>Records that <paramref name="subscription"/> has delivered (or passed over) everything up to
    /// <paramref name="position"/>; written at the next flush.</summary>
    public void Advance(Guid subscription, long position)
    {
        lock (gate)
            pending[subscription] = Math.Max(position, pending.GetValueOrDefault(subscription, long.MinValue));
    }

    /// <summary>Writes every position recorded since the last flush, in one statement; how many subscriptions moved.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        Dictionary<Guid, long> taken;
        lock (gate)
        {
            if (pending.Count == 0)
                return 0;
            (taken, pending) = (pending, []);
        }
        var ids = taken.Keys.ToArray();
        var positions = ids.Select(id => taken[id]).ToArray();
        try
        {
            await using var command = database.CreateCommand("""
                UPDATE webhook_subscriptions s
                SET position = v.position,
                    failure = CASE WHEN (s.failure ->> 'position')::bigint <= v.position THEN NULL ELSE s.failure END
                FROM unnest($1::uuid[], $2::bigint[]) AS v (id, position)
                WHERE s.id = v.id AND s.position < v.position
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = ids });
            command.Parameters.Add(new NpgsqlParameter { Value = positions });
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            // Kept for the next flush (a newer position recorded meanwhile wins).
            foreach (var (id, position) in taken)
                Advance(id, position);
            throw;
        }
    }
}
