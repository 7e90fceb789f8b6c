using System.Globalization;
using System.Text.Json;
using Credit.Api.OpenApi;
using Credit.Api.Partners.Access;
using Credit.Api.Partners.Catalogue;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Partners;
using Credit.ReadModels.Partners;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Credit.Api.Partners.Feeds;

public static class PartnerFeedEndpoints
{
    /// <summary>What a change means, for the feed's operations and the webhooks: partners are sent states, not edits.</summary>
    public const string ChangeRule =
        "Each change carries the listing as it is for this partner now, not the edit that led there: Added when it enters what the partner receives " +
        "(listed, or now passing its filters), Changed when a granted field of it differs from what the partner was last sent, Removed when it leaves. " +
        "Edits projected together are one change: a correction recorded before its listing's addition reached the partners arrives inside that Added " +
        "(already corrected), never as Added followed by Changed, and a listing added and removed in the same moment is not sent at all. A partner " +
        "that keeps the last state it received per listing therefore always shows the current one.";

    /// <summary>The response header that carries the position of the partners' change log a snapshot is exact at.</summary>
    public const string PositionHeader = "Credit-Partner-Position";

    public const string LastEventIdHeader = "Last-Event-ID";

    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    private const string AfterDescription = "The position of the partners' change log to read after: 0 for everything, else one this feed gave out " +
        $"(next, an event id, or a snapshot's {PositionHeader}); a position beyond the head is refused.";

    public static IEndpointRouteBuilder MapPartnerFeeds(this IEndpointRouteBuilder app)
    {
        var pull = app.MapPartnerGroup("", PartnerDelivery.Pull);

        pull.MapGet("/snapshot", async Task<EmptyHttpResult> (string partner, HttpContext http, PartnerFeed feed, CancellationToken cancellationToken) =>
        {
            var definition = http.Partner();
            await using var snapshot = await feed.OpenSnapshotAsync(cancellationToken);
            http.Response.Headers[PositionHeader] = snapshot.Position.ToString(CultureInfo.InvariantCulture);
            http.Response.ContentType = "application/x-ndjson; charset=utf-8";
            IReadOnlyList<PartnerFilter> filters = [definition.Filter];
            var written = 0;
            await foreach (var listing in snapshot.ListingsAsync(cancellationToken))
            {
                if (PartnerView.Of(listing, definition.Fields, filters) is not { } entry)
                    continue;
                await http.Response.WriteAsync(JsonSerializer.Serialize(entry, PartnerFeedReader.Lines) + "\n", cancellationToken);
                if (++written % 1000 == 0)
                    await http.Response.Body.FlushAsync(cancellationToken);
            }
            return TypedResults.Empty;
        }).WithName("GetPartnerSnapshot")
          .WithMetadata(new StreamedResponse("application/x-ndjson"))
          .WithSummary($"Every listing this partner receives now, one PartnerEntry JSON object per line with only the fields the partner file grants it, exact as of the position in the {PositionHeader} header. Follow with changes after that position.");

        pull.MapGet("/changes", async Task<Results<Ok<PartnerChangePage>, ValidationProblem>> (
            string partner, long? after, int? limit, int? waitSeconds, HttpContext http, PartnerFeedReader reader, PartnerChangeSignal signal,
            CancellationToken cancellationToken) =>
        {
            var errors = new RequestErrors();
            if (limit is < 1 or > PartnerFeedReader.MaxLimit)
                errors.Add("limit", $"must be between 1 and {PartnerFeedReader.MaxLimit}");
            if (waitSeconds is < 0 or > 60)
                errors.Add("waitSeconds", "must be between 0 and 60");
            await reader.CheckResumableAsync(after, "after", errors, cancellationToken);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            var definition = http.Partner();
            var page = await reader.ReadAsync(definition, after ?? 0, limit ?? 500, cancellationToken);
            var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(waitSeconds ?? 0);
            while (page.Changes.Count == 0 && DateTimeOffset.UtcNow < deadline)
            {
                if (!await signal.WaitBeyondAsync(page.Next, deadline - DateTimeOffset.UtcNow, cancellationToken))
                    break;
                page = await reader.ReadAsync(definition, page.Next, limit ?? 500, cancellationToken);
            }
            return TypedResults.Ok(page);
        }).WithName("GetPartnerChanges")
          .WithParameter("after", AfterDescription, 0)
          .WithParameter("limit", $"Changes per page, 1 to {PartnerFeedReader.MaxLimit}; 500 when left out.", 500)
          .WithParameter("waitSeconds", "0 to 60: how long to wait for a change when there is none yet (long poll); 0 when left out.", 30)
          .WithSummary("This partner's changes (Added, Changed, Removed) after a position, in order and without gaps; ask again after `next`. A Removed change names only the listing: stop showing it at once.")
          .WithDescription(ChangeRule);

        var sse = app.MapPartnerGroup("", PartnerDelivery.Sse);

        sse.MapGet("/changes/stream", async Task<Results<EmptyHttpResult, ValidationProblem>> (
            string partner, long? after, [FromHeader(Name = LastEventIdHeader)] string? lastEventId, HttpContext http, PartnerFeedReader reader,
            PartnerChangeSignal signal) =>
        {
            // A reconnecting EventSource sends the last id it saw, which takes the place of the URL's position. Only an
            // id this feed gave out is one: reading anything else as "no id" would replay the whole history from 0.
            var errors = new RequestErrors();
            var (from, field) = (after, "after");
            if (!string.IsNullOrEmpty(lastEventId))
            {
                if (long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var last))
                    (from, field) = (last, LastEventIdHeader);
                else
                    errors.Add(LastEventIdHeader, "must be the id of an event this stream sent (a position of the partners' change log: digits only)");
            }
            if (!errors.Any)
                await reader.CheckResumableAsync(from, field, errors, http.RequestAborted);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            await StreamAsync(http.Response, http.Partner(), from ?? 0, reader, signal, http.RequestAborted);
            return TypedResults.Empty;
        }).WithName("StreamPartnerChanges")
          .WithParameter("after", $"{AfterDescription} A reconnecting EventSource's {LastEventIdHeader} takes its place.", 0)
          .WithParameter(LastEventIdHeader, "Sent by a reconnecting EventSource: the id of the last event it received, which takes the place of after; a value that is not such an id is refused (400).", 1234)
          .WithMetadata(new StreamedResponse("text/event-stream"))
          .WithSummary("The same changes as server-sent events (event type Added, Changed or Removed; id is the position), pushed as soon as they are projected; resumes from Last-Event-ID.")
          .WithDescription(ChangeRule);

        return app;
    }

    /// <summary>Written by hand, as the agencies' stream is: the headers go out at once, and a comment every 15 s keeps proxies
    /// from closing a quiet stream.</summary>
    private static async Task StreamAsync(HttpResponse response, PartnerDefinition partner, long after, PartnerFeedReader reader, PartnerChangeSignal signal,
        CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        await response.WriteAsync(": connected\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var page = await reader.ReadAsync(partner, after, PartnerFeedReader.MaxLimit, cancellationToken);
                foreach (var change in page.Changes)
                {
                    var data = JsonSerializer.Serialize(change, PartnerFeedReader.Lines);
                    await response.WriteAsync($"id: {change.Position.ToString(CultureInfo.InvariantCulture)}\nevent: {change.Type}\ndata: {data}\n\n", cancellationToken);
                }
                after = page.Next;
                if (page.Changes.Count == 0 && !await signal.WaitBeyondAsync(after, Heartbeat, cancellationToken))
                    await response.WriteAsync(": still here\n\n", cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The partner disconnected; it resumes with Last-Event-ID.
        }
    }
}
