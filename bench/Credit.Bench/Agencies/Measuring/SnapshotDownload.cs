using System.Diagnostics;
using System.Globalization;
using Credit.Bench.Agencies.Platform;
using Credit.Bench.Measuring;

namespace Credit.Bench.Agencies.Measuring;

/// <summary>One snapshot read to its end: time to the first byte and to the last, lines (NDJSON: one per subject;
/// CSV: a header and one per hold), size, and the processor time the platform and PostgreSQL spent on it.</summary>
public sealed record SnapshotResult(string Label, TimeSpan FirstByte, TimeSpan Elapsed, long Lines, long Bytes, long Position,
    TimeSpan PlatformCpu, TimeSpan DatabaseCpu);

public static class SnapshotDownload
{
    public static async Task<SnapshotResult> ReadAsync(HttpClient http, RunningPlatform platform, CpuTime databaseCpu, string agency, string format,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(platform.Address, $"/api/v1/agencies/{agency}/snapshot?format={format}"));
        request.Headers.Add("X-Api-Key", AgencyKeysForBench.For(agency));
        var platformBefore = platform.Process.ProcessorTime();
        var databaseBefore = databaseCpu.Now().Database;
        var began = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        var firstByte = Stopwatch.GetElapsedTime(began);
        var position = long.Parse(response.Headers.GetValues("Credit-Log-Position").Single(), CultureInfo.InvariantCulture);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[1 << 16];
        long lines = 0, bytes = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        var elapsed = Stopwatch.GetElapsedTime(began);
        return new SnapshotResult($"{agency} {format}", firstByte, elapsed, lines, bytes, position,
            platform.Process.ProcessorTime() - platformBefore, databaseCpu.Now().Database - databaseBefore);
    }
}
