using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace Credit.Bench.Bulk;

/// <summary>What the bench samples every half second while a job runs: the job's progress, how far the agencies' check index
/// trails the change log (in positions), and what PostgreSQL's active backends are waiting on.</summary>
public sealed partial class RunSampler(HttpClient http, string job, string platform, NpgsqlDataSource database)
{
    public sealed record Sample(double Seconds, int Decided, int Accepted, long Head, long Indexed, string State);

    public List<Sample> Samples { get; } = [];

    /// <summary>Active backends by wait event ("CPU" when running), summed over the samples.</summary>
    public Dictionary<string, int> Waits { get; } = new(StringComparer.Ordinal);

    public async Task<Sample> TakeAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        var progress = await http.GetFromJsonAsync<JsonElement>(job, cancellationToken);
        var head = await ScalarAsync("SELECT change_log_safe_head(change_log_horizon())", cancellationToken);
        var sample = new Sample(clock.Elapsed.TotalSeconds,
            progress.GetProperty("rowsRead").GetInt32() - progress.GetProperty("pending").GetInt32(),
            progress.GetProperty("accepted").GetInt32(), head, await IndexedAsync(cancellationToken), progress.GetProperty("state").GetString()!);
        Samples.Add(sample);
        await using var waits = database.CreateCommand("""
            SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU'), count(*) FROM pg_stat_activity
            WHERE state = 'active' AND pid <> pg_backend_pid() AND datname = current_database() GROUP BY 1
            """);
        await using var reader = await waits.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            Waits[reader.GetString(0)] = Waits.GetValueOrDefault(reader.GetString(0)) + (int)reader.GetInt64(1);
        return sample;
    }

    /// <summary>The change-log position the agencies' check index holds, from readiness ("N intercepted subjects as of position P").</summary>
    public async Task<long> IndexedAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"{platform}/health/ready", cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return IndexPosition().Match(text) is { Success: true } match ? long.Parse(match.Groups["position"].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    public async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"intercepted subjects as of position (?<position>\d+)")]
    private static partial Regex IndexPosition();
}
