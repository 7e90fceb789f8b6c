using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Publication;
using Credit.ReadModels.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace Credit.ReadModels.ChangeLog;

/// <summary>The change-log rows of one projection transaction, written by one statement however many subjects it projects.</summary>
internal sealed class ChangeLogRows
{
    private readonly List<long> positions = [];
    private readonly List<string> subjectKeys = [];
    private readonly List<long> versions = [];
    private readonly List<string> kinds = [];
    private readonly List<Guid> itemIds = [];
    private readonly List<string> courts = [];
    private readonly List<string> actors = [];
    private readonly List<string> reasons = [];
    private readonly List<DateTimeOffset> changedAt = [];

    // A bulk job's rows share their actor and often their reason: each distinct text is made publishable once.
    private readonly Dictionary<string, string> published = new(StringComparer.Ordinal);

    /// <summary>The subject's changes at the positions up to <paramref name="last"/>, taken for them.</summary>
    public void Append(string subjectKey, IReadOnlyList<ChangeRecord> changes, long last)
    {
        var position = last - changes.Count;
        foreach (var change in changes)
        {
            positions.Add(++position);
            subjectKeys.Add(subjectKey);
            versions.Add(change.Version);
            kinds.Add(change.Kind.ToString());
            itemIds.Add(change.ItemId);
            courts.Add(change.Court.Value);
            actors.Add(Published(change.Actor));
            reasons.Add(Published(change.Reason));
            changedAt.Add(change.At.ToUniversalTime());
        }
    }

    private string Published(string text)
    {
        if (!published.TryGetValue(text, out var shown))
            published[text] = shown = PublishedText.Of(text);
        return shown;
    }

    /// <summary>The statement for the projection's batch: none when no change was appended.</summary>
    public IEnumerable<NpgsqlBatchCommand> Commands()
    {
        if (positions.Count == 0)
            yield break;
        yield return new NpgsqlBatchCommand("""
            INSERT INTO change_log (position, subject_key, subject_version, kind, item_id, court, actor, reason, changed_at)
            SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])
            """)
        {
            Parameters =
            {
                ArrayParameter.Of(NpgsqlDbType.Bigint, positions), ArrayParameter.Of(NpgsqlDbType.Text, subjectKeys),
                ArrayParameter.Of(NpgsqlDbType.Bigint, versions), ArrayParameter.Of(NpgsqlDbType.Text, kinds),
                ArrayParameter.Of(NpgsqlDbType.Uuid, itemIds), ArrayParameter.Of(NpgsqlDbType.Text, courts),
                ArrayParameter.Of(NpgsqlDbType.Text, actors), ArrayParameter.Of(NpgsqlDbType.Text, reasons),
                ArrayParameter.Of(NpgsqlDbType.TimestampTz, changedAt),
            },
        };
    }
}
