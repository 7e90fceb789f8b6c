using System.Globalization;
using Credit.Hosting.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace Credit.Api.Hosting;

/// <summary>Answers any request that failed because PostgreSQL could not be reached with 503 Service Unavailable and
/// a <c>Retry-After</c>, as RFC 9457 problem details in Chinese and English: public searches, court changes, feeds and
/// key lookups alike, in this one place. A court change answered so was not acknowledged; retried with the same
/// Idempotency-Key it takes effect once, whether or not it was stored before the connection broke.</summary>
public sealed class DatabaseUnavailableExceptionHandler(
    IProblemDetailsService problems, PostgresPools pools, ILogger<DatabaseUnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>A dead embedded server is restarted within seconds; clients waiting longer than that would only
    /// lengthen the outage they see.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(10);
    private long lastLogged = -LogEvery.Ticks;
    private int unlogged;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (DatabaseUnavailable.Cause(exception) is not { } cause)
            return false;
        // The other idle connections of the pool most likely broke with this one.
        pools.ClearAfterFailure();
        Log(http, cause);
        var seconds = (int)RetryAfter.TotalSeconds;
        var change = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "服务暂时不可用 The service is unavailable right now",
                Detail = change
                    ? $"数据库暂时无法访问，变更未被确认。请{seconds}秒后使用相同的 Idempotency-Key 重试，变更只会生效一次。" +
                      $"The database cannot be reached; the change was not acknowledged. Retry it in {seconds} seconds with the same Idempotency-Key: it takes effect once."
                    : $"数据库暂时无法访问，请{seconds}秒后再试。The database cannot be reached; please try again in {seconds} seconds.",
            },
        });
    }

    /// <summary>One line per ten seconds with the count of the others: an outage fails every request, and the watch
    /// and the supervisor already log when it starts and ends.</summary>
    private void Log(HttpContext http, Exception cause)
    {
        var now = Environment.TickCount64 * TimeSpan.TicksPerMillisecond;
        var last = Interlocked.Read(ref lastLogged);
        if (now - last < LogEvery.Ticks || Interlocked.CompareExchange(ref lastLogged, now, last) != last)
        {
            Interlocked.Increment(ref unlogged);
            return;
        }
        // The route's pattern, not the path: a court's path carries the subject's ID number.
        var route = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint is RouteEndpoint endpoint ? endpoint.RoutePattern.RawText : "(no endpoint)";
        logger.LogWarning("{Method} {Route} answered 503, the database could not be reached ({Reason}: {Message}); {Others} more since the last such line",
            http.Request.Method, route, cause.GetType().Name, cause.Message, Interlocked.Exchange(ref unlogged, 0));
    }
}
