using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Credit.Api.Subjects;

/// <summary>The answer to a change that is stored but not yet published to every reader: 503 with <c>Retry-After</c>, never a
/// 500 that a court would read as "not changed". The body says that the change is stored and that the same request with the
/// same <c>Idempotency-Key</c> completes it (a retry publishes what is missing and answers as the first attempt would have,
/// without changing anything twice). The platform keeps retrying by itself meanwhile.</summary>
public static class PublicationPending
{
    /// <summary>Long enough for a passing database hiccup to pass, short enough for a clerk waiting at the screen.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    public static ProblemHttpResult Answer(HttpContext http, string idempotencyKey, Guid itemId)
    {
        var seconds = (int)RetryAfter.TotalSeconds;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            title: "已保存，尚未发布 Stored, not yet published",
            detail: $"The change is stored (item {itemId}), but it could not yet be published to the public list and the agencies. " +
                $"Send the same request again with the same Idempotency-Key in {seconds} seconds or later: that completes the publication " +
                "and does not make the change twice. The platform also retries by itself.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            extensions: new Dictionary<string, object?>
            {
                ["stored"] = true,
                ["itemId"] = itemId,
                ["idempotencyKey"] = idempotencyKey,
            });
    }
}
