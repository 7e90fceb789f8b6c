using System.Globalization;
using System.Text.Json;
using Credit.Api.Agencies.Access;
using Credit.ReadModels.Interceptions;

namespace Credit.Api.Agencies.Feeds;

/// <summary>An agency's changes as server-sent events. Written by hand rather than with
/// TypedResults.ServerSentEvents because an agency must get the response headers at once (its client waits
/// for them before it reads), and a comment line every 15 s keeps proxies from closing a quiet stream.</summary>
public static class ChangeEventStream
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(HttpResponse response, AgencyScope scope, long after, ChangeFeed feed, InterceptionIndex index, CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        var body = response.BodyWriter;
        await response.WriteAsync(": connected\n\n", cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var page = await feed.ReadAsync(scope, after, ChangeFeed.MaxLimit, cancellationToken);
                foreach (var change in page.Changes)
                {
                    var data = JsonSerializer.Serialize(change, InterceptionJson.Options);
                    await response.WriteAsync(
                        $"id: {change.Position.ToString(CultureInfo.InvariantCulture)}\nevent: {change.Type}\ndata: {data}\n\n", cancellationToken);
                }
                after = page.Next;
                if (page.Changes.Count == 0 && !await index.WaitBeyondAsync(after, Heartbeat, cancellationToken))
                    await response.WriteAsync(": still here\n\n", cancellationToken);
                await body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The agency disconnected; it resumes with Last-Event-ID.
        }
    }
}
