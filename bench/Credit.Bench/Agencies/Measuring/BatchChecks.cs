using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Credit.Bench.Agencies.Platform;
using Credit.Bench.Measuring;

namespace Credit.Bench.Agencies.Measuring;

/// <summary>Batch checks, one after another: milliseconds from sending the request to the last byte of the answer.</summary>
/// <param name="Hits">Hits in the first batch's answer (parsed once, to prove the answers are real).</param>
/// <param name="ServerCpu">Processor milliseconds the platform used per batch.</param>
public sealed record BatchResult(int Batches, int Size, double P50, double P99, double Max, long ResponseBytes, int Hits, double ServerCpu);

public static class BatchChecks
{
    public static async Task<BatchResult> MeasureAsync(HttpClient http, RunningPlatform platform, IReadOnlyList<string> ids, int size, int batches, int warmUp,
        CancellationToken cancellationToken)
    {
        var uri = new Uri(platform.Address, "/api/v1/agencies/railway/checks");
        var milliseconds = new double[batches];
        long bytes = 0;
        var hits = -1;
        var cpu = TimeSpan.Zero;
        for (var i = -warmUp; i < batches; i++)
        {
            // Each batch its own window of the shuffled hits and misses.
            var start = (i + warmUp) * 3_989 % ids.Count;
            var body = JsonSerializer.SerializeToUtf8Bytes(new { ids = Enumerable.Range(start, size).Select(k => ids[k % ids.Count]) });
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("X-Api-Key", AgencyKeysForBench.Railway);
            var cpuBefore = platform.Process.ProcessorTime();
            var began = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(began);
            if (i < 0)
                continue;
            cpu += platform.Process.ProcessorTime() - cpuBefore;
            milliseconds[i] = elapsed.TotalMilliseconds;
            bytes = answer.Length;
            if (hits < 0)
                hits = CountHits(answer, size);
        }
        Array.Sort(milliseconds);
        return new BatchResult(batches, size, Latency.Percentile(milliseconds, 0.50), Latency.Percentile(milliseconds, 0.99), milliseconds[^1], bytes, hits,
            cpu.TotalMilliseconds / batches);
    }

    private static int CountHits(byte[] answer, int size)
    {
        using var document = JsonDocument.Parse(answer);
        var results = document.RootElement.GetProperty("results");
        if (results.GetArrayLength() != size)
            throw new InvalidOperationException($"a batch of {size} IDs was answered with {results.GetArrayLength()} results");
        return results.EnumerateArray().Count(r => r.GetProperty("status").GetString() == "Hit");
    }
}
