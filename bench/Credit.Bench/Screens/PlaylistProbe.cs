using System.Net;
using System.Text.Json;

namespace Credit.Bench.Screens;

/// <summary>What one playlist request answered; <see cref="EndsAt"/> and <see cref="Slides"/> only with a 200.</summary>
public sealed record PlaylistAnswer(HttpStatusCode Status, string ETag, DateTimeOffset? EndsAt, int Slides, int Bytes);

/// <summary>Asks for a channel's playlist as a screen does, one request at a time, outside wrk.</summary>
public sealed class PlaylistProbe(HttpClient http, Uri platform, string channel, string operatorKey)
{
    public string Path => $"/api/v1/screens/{channel}/playlist";

    public async Task<PlaylistAnswer> GetAsync(string? ifNoneMatch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(platform, Path));
        request.Headers.Add("X-Api-Key", operatorKey);
        if (ifNoneMatch is not null)
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var etag = response.Headers.ETag?.ToString() ?? "";
        if (response.StatusCode != HttpStatusCode.OK)
            return new PlaylistAnswer(response.StatusCode, etag, null, 0, body.Length);
        using var playlist = JsonDocument.Parse(body);
        return new PlaylistAnswer(response.StatusCode, etag, playlist.RootElement.GetProperty("periodEndsAt").GetDateTimeOffset(),
            playlist.RootElement.GetProperty("slides").GetArrayLength(), body.Length);
    }

    /// <summary>Waits until the platform has followed the listings into the channel: a 200 with <paramref name="size"/> slides.</summary>
    public async Task<PlaylistAnswer> UntilFullAsync(int size, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        while (true)
        {
            var answer = await GetAsync(null, cancellationToken);
            if (answer.Status == HttpStatusCode.OK && answer.Slides >= size)
                return answer;
            if (answer.Status is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable))
                throw new InvalidOperationException($"the playlist was answered {(int)answer.Status}");
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"the playlist did not fill within 2 minutes ({answer.Slides} of {size} slides)");
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>The current playlist, with at least <paramref name="needed"/> left of its rotation period: when less is left,
    /// waits for the next period's, so that one ETag holds through a run.</summary>
    public async Task<PlaylistAnswer> CurrentAsync(TimeSpan needed, CancellationToken cancellationToken)
    {
        var answer = await GetAsync(null, cancellationToken);
        var left = answer.EndsAt!.Value - DateTimeOffset.UtcNow;
        if (left >= needed)
            return answer;
        Console.WriteLine($"  waiting:    {left.TotalSeconds:F0} s for the next rotation period, so that one ETag holds through the run ...");
        await Task.Delay(left + TimeSpan.FromSeconds(1), cancellationToken);
        return await GetAsync(null, cancellationToken);
    }
}
