using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Subjects;
using Npgsql;

namespace Credit.Api.Publication;

/// <summary>What reconciliation found and repaired.</summary>
/// <param name="Subjects">Subjects whose stored state was compared.</param>
/// <param name="Differences">Subjects whose change log or read model lagged their stored state.</param>
/// <param name="Repaired">Of those, how many are now published up to their stored version.</param>
public sealed record ReconciliationReport(int Subjects, int Differences, int Repaired);

/// <summary>Compares every subject's stored grain state with the change log and the public read model and
/// has the grain publish what is missing. After a crash between a state write and its projection this
/// is what brings readers level; on a healthy platform it finds 0 differences.</summary>
public sealed class PublicationReconciler(NpgsqlDataSource database, IGrainFactory grains, ILogger<PublicationReconciler> logger)
{
    public async Task<ReconciliationReport> RunAsync(CancellationToken cancellationToken)
    {
        // The grain state JSON carries the subject's version; the key is the grain id's string key.
        await using var command = database.CreateCommand("""
            SELECT s.grainidextensionstring, (convert_from(s.payloadbinary, 'UTF8')::jsonb ->> 'Version')::bigint AS stored,
                   COALESCE(p.version, 0) AS projected,
                   (SELECT count(*) FROM change_log c WHERE c.subject_key = s.grainidextensionstring) AS logged,
                   (SELECT count(*) FROM public_listings l WHERE l.subject_key = s.grainidextensionstring AND l.subject_version <> p.version) AS stale
            FROM orleansstorage s
            LEFT JOIN projected_subjects p ON p.subject_key = s.grainidextensionstring
            WHERE s.graintypestring = $1 AND s.payloadbinary IS NOT NULL
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = "subject" });
        var lagging = new List<(string Key, long Stored)>();
        var subjects = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                subjects++;
                var (key, stored, projected, logged, stale) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
                if (stored != projected || logged != stored || stale > 0)
                    lagging.Add((key, stored));
            }
        }
        var repaired = 0;
        foreach (var (key, stored) in lagging)
        {
            if (!SubjectId.TryParse(key, null, out _))
                continue;
            if (await grains.GetGrain<ISubjectGrain>(key).Reconcile() >= stored)
                repaired++;
            else
                logger.LogError("Subject {Subject} could not be published up to version {Version}", key, stored);
        }
        return new ReconciliationReport(subjects, lagging.Count, repaired);
    }
}
