using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Credit.Bench.Agencies.Platform;

namespace Credit.Bench.Agencies.Measuring;

/// <summary>One agency's server-sent event stream (<c>GET .../changes/stream?after=N</c>), followed from a position
/// taken before the changes being timed, so no change can slip past it; records when each subject's Added and
/// Removed event arrived.</summary>
public sealed class ChangeStream : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string IdNumber, string Type), long> seen = new();
    private readonly CancellationTokenSource closing = new();
    private readonly Task reading;

    private ChangeStream(string agency, HttpClient http, Uri platform, long after)
    {
        Agency = agency;
        reading = Task.Run(() => ReadAsync(http, platform, after, closing.Token));
    }

    public string Agency { get; }

    /// <summary>Set if the stream broke off; the propagation figures are then incomplete.</summary>
    public Exception? Failure { get; private set; }

    public static ChangeStream Open(string agency, HttpClient http, Uri platform, long after) => new(agency, http, platform, after);

    /// <summary>When the event of <paramref name="type"/> (Added, Changed, Removed) for the subject arrived, as a Stopwatch timestamp.</summary>
    public long? SeenAt(string idNumber, string type) => seen.TryGetValue((idNumber, type), out var at) ? at : null;

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        await reading;
        closing.Dispose();
    }

    private async Task ReadAsync(HttpClient http, Uri platform, long after, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get,
                new Uri(platform, $"/api/v1/agencies/{Agency}/changes/stream?after={after.ToString(CultureInfo.InvariantCulture)}"));
            request.Headers.Add("X-Api-Key", AgencyKeysForBench.For(Agency));
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            string? type = null, data = null;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.StartsWith("event:", StringComparison.Ordinal))
                    type = line[6..].Trim();
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                    data = line[5..].Trim();
                else if (line.Length == 0 && type is not null && data is not null)
                {
                    // The platform flushes each event whole: the blank line ending it arrives with it.
                    var at = Stopwatch.GetTimestamp();
                    using var change = JsonDocument.Parse(data);
                    seen.TryAdd((change.RootElement.GetProperty("entry").GetProperty("idNumber").GetString()!, type), at);
                    type = data = null;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException)
        {
            Failure = e;
        }
    }
}
