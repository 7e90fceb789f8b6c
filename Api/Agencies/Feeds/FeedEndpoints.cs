using System.Globalization;
using Credit.Api.Agencies.Access;
using Credit.Api.Agencies.Feeds.Snapshot;
using Credit.Api.OpenApi;
using Credit.Api.Subjects;
using Credit.ReadModels.Interceptions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Credit.Api.Agencies.Feeds;

public static class FeedEndpoints
{
    /// <summary>The response header that carries the change-log position a snapshot is exact at.</summary>
    public const string PositionHeader = "Credit-Log-Position";

    /// <summary>The header in which a reconnecting EventSource sends the id of the last event it received.</summary>
    public const string LastEventIdHeader = "Last-Event-ID";

    private const string AfterDescription = "The change-log position to read after: 0 for everything, else one this feed gave out (next, an " +
        $"event id, or a snapshot's {PositionHeader}); a position beyond the log's head is refused.";

    public static RouteGroupBuilder MapAgencyFeeds(this IEndpointRouteBuilder app)
    {
        var group = app.MapAgencyGroup("Agency feeds 联合惩戒数据推送");

        group.MapGet("/snapshot", async Task<Results<EmptyHttpResult, ValidationProblem>> (
            [AsParameters] AgencyCaller caller, string? format, HttpContext http, InterceptionSnapshots snapshots, CancellationToken cancellationToken) =>
        {
            var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
            if (!csv && format is not null && !string.Equals(format, "ndjson", StringComparison.OrdinalIgnoreCase))
                return Invalid("format", "must be ndjson or csv");
            var scope = caller.Scope;
            await using var snapshot = await snapshots.OpenAsync(cancellationToken);
            http.Response.Headers[PositionHeader] = snapshot.Position.ToString(CultureInfo.InvariantCulture);
            http.Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
            if (csv)
                await SnapshotExport.WriteCsvAsync(snapshot, scope, http.Response.BodyWriter, cancellationToken);
            else
                await SnapshotExport.WriteNdjsonAsync(snapshot, scope, http.Response.BodyWriter, cancellationToken);
            return TypedResults.Empty;
        }).WithName("GetAgencySnapshot")
          .WithParameter("format", "ndjson (the default: one AgencyEntry JSON object per line, in UTF-8) or csv (UTF-8 after a byte-order mark, for " +
              "spreadsheets; one line per hold, only the granted columns; for an agency with consumption measures also a permissions " +
              "column, each of the court's permissions for necessary travel as 'measure from/until id', joined by ';').", "csv")
          .WithMetadata(new StreamedResponse("application/x-ndjson", "text/csv"))
          .WithSummary($"Every subject this agency's measures intercept now, one AgencyEntry JSON object per line (or CSV, one line per hold), exact as of the change-log position in the {PositionHeader} header. Follow with changes after that position.");

        group.MapGet("/changes", async Task<Results<Ok<AgencyChangePage>, ValidationProblem>> (
            [AsParameters] AgencyCaller caller, long? after, int? limit, int? waitSeconds, ChangeFeed feed, InterceptionIndex index,
            CancellationToken cancellationToken) =>
        {
            var errors = new RequestErrors();
            if (limit is < 1 or > ChangeFeed.MaxLimit)
                errors.Add("limit", $"must be between 1 and {ChangeFeed.MaxLimit}");
            if (waitSeconds is < 0 or > 60)
                errors.Add("waitSeconds", "must be between 0 and 60");
            await feed.CheckResumableAsync(after, "after", errors, cancellationToken);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            var scope = caller.Scope;
            var page = await feed.ReadAsync(scope, after ?? 0, limit ?? 500, cancellationToken);
            // Long poll: hold the request until a change for any agency commits, then look again.
            var deadline = TimeSpan.FromSeconds(waitSeconds ?? 0);
            var started = DateTimeOffset.UtcNow;
            while (page.Changes.Count == 0 && DateTimeOffset.UtcNow - started < deadline)
            {
                if (!await index.WaitBeyondAsync(page.Next, deadline - (DateTimeOffset.UtcNow - started), cancellationToken))
                    break;
                page = await feed.ReadAsync(scope, page.Next, limit ?? 500, cancellationToken);
            }
            return TypedResults.Ok(page);
        }).WithName("GetAgencyChanges")
          .WithParameter("after", AfterDescription, 0)
          .WithParameter("limit", $"Changes per page, 1 to {ChangeFeed.MaxLimit}; 500 when left out.", 500)
          .WithParameter("waitSeconds", "0 to 60: how long to wait for a change when there is none yet (long poll); 0 when left out.", 30)
          .WithSummary("This agency's changes (Added, Changed, Removed) after a change-log position, in order and without gaps; ask again after `next`. With waitSeconds the request waits until a change arrives (long poll).");

        group.MapGet("/changes/stream", async Task<Results<EmptyHttpResult, ValidationProblem>> (
            [AsParameters] AgencyCaller caller, long? after, [FromHeader(Name = LastEventIdHeader)] string? lastEventId, HttpContext http,
            ChangeFeed feed, InterceptionIndex index) =>
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
                    errors.Add(LastEventIdHeader, "must be the id of an event this stream sent (a change-log position: digits only)");
            }
            if (!errors.Any)
                await feed.CheckResumableAsync(from, field, errors, http.RequestAborted);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            await ChangeEventStream.RunAsync(http.Response, caller.Scope, from ?? 0, feed, index, http.RequestAborted);
            return TypedResults.Empty;
        }).WithName("StreamAgencyChanges")
          .WithParameter("after", $"{AfterDescription} A reconnecting EventSource's {LastEventIdHeader} takes its place.", 0)
          .WithParameter(LastEventIdHeader, "Sent by a reconnecting EventSource: the id of the last event it received, which takes the place of after; a value that is not such an id is refused (400).", 1234)
          .WithMetadata(new StreamedResponse("text/event-stream"))
          .WithSummary("The same changes as server-sent events (event type Added, Changed or Removed; id is the position), pushed within a second of the court's change; resumes from Last-Event-ID.");

        return group;
    }

    private static ValidationProblem Invalid(string field, string rule)
    {
        var errors = new RequestErrors();
        errors.Add(field, rule);
        return SubjectChange.Invalid(errors);
    }
}
