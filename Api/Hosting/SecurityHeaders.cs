namespace Credit.Api.Hosting;

/// <summary>Headers that tell a browser to trust nothing but the platform's own files. The pages and answers carry names,
/// masked IDs and debts: no other site may frame them (a clickjacking "objection" form), run script in them, or learn from
/// the Referer what someone searched for; and no answer (an objection's attachment above all) is ever sniffed into HTML.
/// The pages load only their own scripts and styles, and the screens' display shows photos it holds as blob: URLs. The
/// OpenAPI explorer under /openapi is NSwag's page with its own inline script, so it is left without the policy.</summary>
public static class SecurityHeaders
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (!http.Request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase))
            {
                headers.ContentSecurityPolicy = Policy;
                headers.XFrameOptions = "DENY";
            }
            return Task.CompletedTask;
        });
        return next(http);
    });
}
