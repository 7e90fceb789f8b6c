using Credit.ReadModels.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace Credit.ReadModels.ChangeLog;

/// <summary>What one projection transaction records in <c>projected_subjects</c>: the version each subject is now projected
/// up to, and the end of any publication failure recorded for a version now published. One statement each, however many
/// subjects.</summary>
internal sealed class ProjectedVersions
{
    private readonly List<string> advancedKeys = [];
    private readonly List<long> advancedVersions = [];
    private readonly List<string> settledKeys = [];
    private readonly List<long> settledVersions = [];

    /// <summary>Records the subject projected up to <paramref name="version"/>; nothing to write in <c>projected_subjects</c>
    /// when it was there already (perhaps by an attempt whose answer was lost, and recorded as failed).</summary>
    public void Advance(string subjectKey, long version, bool alreadyThere)
    {
        if (!alreadyThere)
        {
            advancedKeys.Add(subjectKey);
            advancedVersions.Add(version);
        }
        settledKeys.Add(subjectKey);
        settledVersions.Add(version);
    }

    public IEnumerable<NpgsqlBatchCommand> Commands()
    {
        if (advancedKeys.Count > 0)
        {
            yield return new NpgsqlBatchCommand("""
                INSERT INTO projected_subjects (subject_key, version) SELECT * FROM unnest($1::text[], $2::bigint[])
                ON CONFLICT (subject_key) DO UPDATE SET version = excluded.version
                """)
            {
                Parameters = { ArrayParameter.Of(NpgsqlDbType.Text, advancedKeys), ArrayParameter.Of(NpgsqlDbType.Bigint, advancedVersions) },
            };
        }
        if (settledKeys.Count > 0)
        {
            yield return new NpgsqlBatchCommand("""
                DELETE FROM publication_failures f USING unnest($1::text[], $2::bigint[]) AS s(subject_key, version)
                WHERE f.subject_key = s.subject_key AND f.stored_version <= s.version
                """)
            {
                Parameters = { ArrayParameter.Of(NpgsqlDbType.Text, settledKeys), ArrayParameter.Of(NpgsqlDbType.Bigint, settledVersions) },
            };
        }
    }
}
