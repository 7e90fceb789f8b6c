using Credit.Api.OpenApi;
using Credit.Api.Partners.Access;
using Credit.Api.Partners.Catalogue;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Partners;
using Credit.ReadModels.Partners;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Credit.Api.Partners.Webhooks;

/// <summary>A partner's webhook subscriptions: each delivers the partner's changes to one URL, signed, in order, at least once,
/// retried for more than a day before an event is parked as a dead letter the partner can list and replay.</summary>
public static class WebhookEndpoints
{
    public const int MaximumUrlLength = 2000;

    public static IEndpointRouteBuilder MapWebhookSubscriptions(this IEndpointRouteBuilder app)
    {
        var group = app.MapPartnerGroup("/webhooks", PartnerDelivery.Webhook)
            .WithParameter("subscriptionId", "The subscription's id, as its creation answered it.", "01938a6e-7c1f-7d2a-9a4b-3c5d6e7f8a9b");

        group.MapPost("/", async Task<Results<Created<CreatedWebhookSubscription>, ValidationProblem, ProblemHttpResult>> (
            string partner, WebhookSubscriptionRequest request, HttpContext http, WebhookSubscriptions subscriptions, IWebhookTargets targets,
            IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            var errors = new RequestErrors();
            var url = CheckUrl(request.Url, errors);
            if (url is not null && await targets.RefusalAsync(url, cancellationToken) is { } refusal)
                errors.Add("url", refusal);
            var filter = PartnerFile.Filter(request.Filter, "filter", errors.Add);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            var definition = http.Partner();
            if (await subscriptions.CreateAsync(definition.Code, url!, filter, definition.Fields, definition.Filter, cancellationToken) is not { } created)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                    title: $"A partner may hold at most {WebhookSubscriptions.MaximumPerPartner} subscriptions 订阅数量已达上限",
                    detail: "Delete a subscription no longer used first. Nothing was changed.",
                    extensions: new Dictionary<string, object?> { ["field"] = "url", ["rule"] = $"at most {WebhookSubscriptions.MaximumPerPartner} subscriptions per partner" });
            }
            await grains.RefreshSubscriptionAsync(created.Subscription.Id, http);
            return TypedResults.Created($"/api/v1/partners/{definition.Code}/webhooks/{created.Subscription.Id}",
                new CreatedWebhookSubscription(created.Subscription, created.Secret));
        }).WithName("CreateWebhookSubscription")
          .ProducesProblem(StatusCodes.Status409Conflict)
          .WithDescription(Feeds.PartnerFeedEndpoints.ChangeRule)
          .WithSummary("Subscribe a URL to this partner's changes from now on (take a snapshot first for what is already listed). The URL must be https at a host that is, and resolves to, public addresses only (never loopback, private, link-local, CGNAT, multicast or unspecified ones; checked again before each connection), and redirects are not followed. Each event is a POST signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature) with the secret answered once here; in order, at least once (drop a repeated webhook-id), retried with exponential backoff for more than a day, then parked as a dead letter.");

        group.MapGet("/", async Task<Ok<IReadOnlyList<WebhookSubscription>>> (string partner, HttpContext http, WebhookSubscriptions subscriptions,
            CancellationToken cancellationToken) => TypedResults.Ok(await subscriptions.ListAsync(http.Partner().Code, cancellationToken)))
            .WithName("ListWebhookSubscriptions")
            .WithSummary("This partner's subscriptions, with how far each has delivered and whether an event is failing now.");

        group.MapGet("/{subscriptionId:guid}", async Task<Results<Ok<WebhookSubscription>, ProblemHttpResult>> (string partner, Guid subscriptionId,
            HttpContext http, WebhookSubscriptions subscriptions, CancellationToken cancellationToken) =>
            await subscriptions.FindAsync(http.Partner().Code, subscriptionId, cancellationToken) is { } found ? TypedResults.Ok(found) : NoSubscription())
            .WithName("GetWebhookSubscription")
            .WithSummary("One subscription of this partner.");

        group.MapDelete("/{subscriptionId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (string partner, Guid subscriptionId, HttpContext http,
            WebhookSubscriptions subscriptions, IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            if (!await subscriptions.DeleteAsync(http.Partner().Code, subscriptionId, cancellationToken))
                return NoSubscription();
            await grains.RefreshSubscriptionAsync(subscriptionId, http);
            return TypedResults.NoContent();
        }).WithName("DeleteWebhookSubscription")
          .WithSummary("Stop delivering to this subscription.");

        group.MapGet("/{subscriptionId:guid}/dead-letters", async Task<Results<Ok<IReadOnlyList<WebhookDeadLetter>>, ProblemHttpResult>> (
            string partner, Guid subscriptionId, HttpContext http, WebhookSubscriptions subscriptions, CancellationToken cancellationToken) =>
        {
            if (await subscriptions.FindAsync(http.Partner().Code, subscriptionId, cancellationToken) is null)
                return NoSubscription();
            return TypedResults.Ok(await subscriptions.DeadLettersAsync(subscriptionId, cancellationToken));
        }).WithName("ListWebhookDeadLetters")
          .WithSummary("The subscription's events that failed for the whole retry period, as they were sent, oldest first.");

        group.MapPost("/{subscriptionId:guid}/dead-letters/replay", async Task<Results<Accepted<ReplayRequested>, ValidationProblem, ProblemHttpResult>> (
            string partner, Guid subscriptionId, long? position, HttpContext http, WebhookSubscriptions subscriptions, IGrainFactory grains,
            CancellationToken cancellationToken) =>
        {
            if (position is < 1)
            {
                var errors = new RequestErrors();
                errors.Add("position", "must be the position of one of the subscription's dead letters (1 or more)");
                return SubjectChange.Invalid(errors);
            }
            if (await subscriptions.FindAsync(http.Partner().Code, subscriptionId, cancellationToken) is null)
                return NoSubscription();
            var count = await subscriptions.RequestReplayAsync(subscriptionId, position, cancellationToken);
            await grains.RefreshSubscriptionAsync(subscriptionId, http);
            return TypedResults.Accepted($"/api/v1/partners/{http.Partner().Code}/webhooks/{subscriptionId}/dead-letters", new ReplayRequested(count));
        }).WithName("ReplayWebhookDeadLetters")
          .WithParameter("position", "Only the dead letter at this position; left out for every one not yet replayed.", 1234)
          .WithSummary("Send the subscription's dead letters again (all not yet replayed, or one), under their first webhook-id and with a new signature; one that fails again stays asked for.");

        return app;
    }

    private static Uri? CheckUrl(string? text, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add("url", "is required");
            return null;
        }
        if (text.Length > MaximumUrlLength || !Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(url.UserInfo) || !string.IsNullOrEmpty(url.Fragment))
        {
            errors.Add("url", $"must be an absolute http or https URL of at most {MaximumUrlLength} characters, without user name, password or fragment");
            return null;
        }
        return url;
    }

    private static ProblemHttpResult NoSubscription() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "No such subscription 无此订阅",
        extensions: new Dictionary<string, object?> { ["field"] = "subscriptionId", ["rule"] = "must be a subscription of this partner" });
}
