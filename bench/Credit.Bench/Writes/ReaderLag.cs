using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Credit.Bench.Agencies.Platform;
using Credit.ReadModels.ChangeLog;
using Npgsql;

namespace Credit.Bench.Writes;

/// <summary>How far the agencies' check index (the platform's in-memory copy of the interception read model, which follows
/// <c>interception_changes</c>) was behind the change log's safe head (the highest position readers may read up to): sampled every
/// second while writes ran (positions), and once the writes were all answered, how far and how long until it had caught up. Beside it,
/// how many positions writers had taken beyond the safe head at each sample (those of transactions still open, and of any that
/// committed after a lower one still open): what no reader could read yet.</summary>
public sealed record ReaderLagResult(int Samples, long MaxBehind, double MeanBehind, long BehindAtEnd, double CatchUpMilliseconds, long MaxUnreadable,
    double MeanUnreadable);

/// <summary>One sample: the index's distance from the safe head, and the safe head's from the newest position taken.</summary>
public readonly record struct LagSample(long Behind, long Unreadable);

/// <summary>Reads the head from PostgreSQL and the index's position from a batch check of one ID (its answer says as of which position).</summary>
public sealed class ReaderLag(HttpClient http, Uri platform, NpgsqlDataSource database)
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const string SomeoneUnlisted = "11010519491231002X";

    /// <summary>Samples until <paramref name="stop"/> is cancelled.</summary>
    public async Task<List<LagSample>> SampleAsync(CancellationToken stop)
    {
        var samples = new List<LagSample>();
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                // The index first: what commits between the two readings makes the figure a little larger, never negative.
                var index = await IndexPositionAsync(stop);
                var head = await HeadAsync(stop);
                samples.Add(new LagSample(head - index, await ChangeLogHorizon.NewestTakenAsync(database, stop) - head));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Done.
        }
        return samples;
    }

    /// <summary>Once the writes are answered: how far behind the index is, and how long it takes to reach the head.</summary>
    public async Task<ReaderLagResult> SettleAsync(List<LagSample> during, CancellationToken cancellationToken)
    {
        var began = Stopwatch.GetTimestamp();
        var head = await HeadAsync(cancellationToken);
        var behindAtEnd = head - await IndexPositionAsync(cancellationToken);
        while (await IndexPositionAsync(cancellationToken) < head)
        {
            if (Stopwatch.GetElapsedTime(began) > Patience)
                throw new TimeoutException($"the agencies' index did not reach change-log position {head} within {Patience.TotalSeconds:F0} s");
            await Task.Delay(10, cancellationToken);
        }
        return new ReaderLagResult(during.Count, during.Select(s => s.Behind).DefaultIfEmpty(0).Max(), during.Count > 0 ? during.Average(s => s.Behind) : 0,
            behindAtEnd, Stopwatch.GetElapsedTime(began).TotalMilliseconds, during.Select(s => s.Unreadable).DefaultIfEmpty(0).Max(),
            during.Count > 0 ? during.Average(s => s.Unreadable) : 0);
    }

    public async Task<long> HeadAsync(CancellationToken cancellationToken)
    {
        return await ChangeLogHorizon.SafeHeadAsync(database, cancellationToken);
    }

    private async Task<long> IndexPositionAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(platform, "/api/v1/agencies/railway/checks"))
        {
            Content = JsonContent.Create(new { ids = new[] { SomeoneUnlisted } }),
        };
        request.Headers.Add("X-Api-Key", AgencyKeysForBench.Railway);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return answer.RootElement.GetProperty("position").GetInt64();
    }
}
