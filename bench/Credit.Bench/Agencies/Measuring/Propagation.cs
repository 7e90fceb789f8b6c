using System.Diagnostics;
using Credit.Bench.Agencies.Platform;
using Credit.Bench.Measuring;
using Credit.Bench.Seeding;
using Credit.Grains.Interfaces.Identifiers;
using Credit.ReadModels.ChangeLog;
using Npgsql;

namespace Credit.Bench.Agencies.Measuring;

/// <summary>Milliseconds from a court's 2xx to the change having arrived in the stream of every agency that has the
/// subject (the latest of them): for the listings made first (Added) and for their removals (Removed).</summary>
/// <param name="Missing">Agency events that never arrived within the wait (each subject counts once per agency).</param>
public sealed record PropagationResult(string Label, int Subjects, int Agencies, double AddedP50, double AddedP99,
    double P50, double P99, double Max, int Missing, double CourtP50, double CourtP99);

/// <summary>Creates listings on fresh subjects through the court API, then removes them one by one, while every agency
/// whose measures follow listings or consumption restrictions (all of them get these subjects) follows its change stream.</summary>
public sealed class Propagation(HttpClient http, Uri platform, NpgsqlDataSource database, IReadOnlyList<string> agencies, DateOnly today)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public async Task<PropagationResult> RunAsync(string label, int count, CancellationToken cancellationToken)
    {
        var subjects = await FreshSubjectsAsync(count, cancellationToken);
        var court = new CourtClient(http, platform, today);
        // Followed from the head before the first listing: every event of these subjects comes after it.
        var head = await HeadAsync(cancellationToken);
        var streams = agencies.Select(agency => ChangeStream.Open(agency, http, platform, head)).ToList();
        try
        {
            var listed = new List<(string Id, Guid Listing, long At)>();
            foreach (var (id, name) in subjects)
            {
                var (listing, at) = await court.ListAsync(id, name, cancellationToken);
                listed.Add((id, listing, at));
            }
            var added = await DelaysAsync(streams, listed.Select(l => (l.Id, l.At)).ToList(), "Added", cancellationToken);

            var removed = new List<(string Id, long At)>();
            var courtMilliseconds = new List<double>();
            foreach (var (id, listing, _) in listed)
            {
                var began = Stopwatch.GetTimestamp();
                var at = await court.RemoveAsync(id, listing, cancellationToken);
                courtMilliseconds.Add(Stopwatch.GetElapsedTime(began, at).TotalMilliseconds);
                removed.Add((id, at));
            }
            var removal = await DelaysAsync(streams, removed, "Removed", cancellationToken);
            if (streams.FirstOrDefault(s => s.Failure is not null) is { } broken)
                throw new InvalidOperationException($"the change stream of {broken.Agency} broke off", broken.Failure);

            var courtSorted = courtMilliseconds.Order().ToArray();
            return new PropagationResult(label, count, agencies.Count, Latency.Percentile(added.Delays, 0.5), Latency.Percentile(added.Delays, 0.99),
                Latency.Percentile(removal.Delays, 0.5), Latency.Percentile(removal.Delays, 0.99), removal.Delays[^1], added.Missing + removal.Missing,
                Latency.Percentile(courtSorted, 0.5), Latency.Percentile(courtSorted, 0.99));
        }
        finally
        {
            foreach (var stream in streams)
                await stream.DisposeAsync();
        }
    }

    /// <summary>Waits until every stream has the event for every subject (or the patience runs out), then gives each
    /// subject's delay to the slowest agency, sorted; a missing event counts as the whole wait.</summary>
    private static async Task<(double[] Delays, int Missing)> DelaysAsync(List<ChangeStream> streams, List<(string Id, long At)> changes, string type,
        CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Patience.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && !changes.All(c => streams.All(s => s.SeenAt(c.Id, type) is not null)))
            await Task.Delay(20, cancellationToken);
        var missing = 0;
        var delays = changes.Select(change =>
        {
            var slowest = streams.Max(s => s.SeenAt(change.Id, type) ?? deadline);
            missing += streams.Count(s => s.SeenAt(change.Id, type) is null);
            return Stopwatch.GetElapsedTime(change.At, Math.Max(slowest, change.At)).TotalMilliseconds;
        }).ToArray();
        Array.Sort(delays);
        return (delays, missing);
    }

    /// <summary>Valid adults' resident IDs that no seeded subject and no earlier run has used, with names.</summary>
    private async Task<List<(string Id, string Name)>> FreshSubjectsAsync(int count, CancellationToken cancellationToken)
    {
        var random = new Random(Random.Shared.Next());
        var identities = new SyntheticIdentities(random, today);
        var candidates = Enumerable.Range(0, count * 2).Select(_ => identities.ResidentId(Sex.Male)).ToList();
        await using var command = database.CreateCommand("""
            SELECT id_number FROM intercepted_subjects WHERE id_number = ANY($1)
            UNION SELECT substr(subject_key, 3) FROM change_log WHERE subject_key = ANY($2)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = candidates.Select(c => c.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = candidates.Select(c => SubjectId.For(c).Key).ToArray() });
        var used = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                used.Add(reader.GetString(0));
        }
        return [.. candidates.Where(c => !used.Contains(c.Value)).Take(count).Select(c => (c.Value, ChineseNames.Person(random, c.Sex)))];
    }

    private async Task<long> HeadAsync(CancellationToken cancellationToken)
    {
        return await ChangeLogHorizon.SafeHeadAsync(database, cancellationToken);
    }
}
