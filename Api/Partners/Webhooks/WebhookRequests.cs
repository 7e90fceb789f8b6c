using System.ComponentModel.DataAnnotations;
using Credit.Api.OpenApi;
using Credit.Api.Partners.Catalogue;
using Credit.ReadModels.Partners;

namespace Credit.Api.Partners.Webhooks;

/// <summary>A webhook subscription to create.</summary>
/// <param name="Url">Where to post the events: an absolute https URL of the partner's, at most 2000 characters, without user name
/// or password, at a host that is (or resolves to) public addresses only; a redirect is not followed.</param>
/// <param name="Filter">Which of the partner's listings this subscription receives; left out for all of them.</param>
public sealed record WebhookSubscriptionRequest(
    [property: Required, Example("https://push.example-news.cn/credit/webhooks")] string? Url,
    PartnerFilterRequest? Filter);

/// <summary>A subscription just created, with its signing secret: shown this once, never again.</summary>
/// <param name="Secret">The Standard Webhooks signing secret (whsec_ and Base64): verify each request's webhook-signature
/// with it.</param>
public sealed record CreatedWebhookSubscription(WebhookSubscription Subscription, string Secret);

/// <summary>How many dead letters will be sent again.</summary>
public sealed record ReplayRequested(int DeadLetters);
