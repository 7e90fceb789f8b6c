namespace Credit.Api.Screens.Display;

/// <summary>The full-screen page a screen's browser opens, <c>/screens/{channel}#key=...</c>: one static page for every
/// channel (<c>wwwroot/screens/display.html</c>), which reads the channel from its address and the key from the fragment
/// (never sent to a server, so never in a log) and then asks the playlist API itself. The page holds no listing.</summary>
public static class DisplayPage
{
    public const string File = "screens/display.html";

    public static IEndpointRouteBuilder MapScreenDisplayPage(this IEndpointRouteBuilder app)
    {
        // Only a channel code matches, never a file name: the page's script and style beside it are static files, which
        // are not served to a path an endpoint has matched.
        app.MapGet("/screens/{channel:regex(^[a-z0-9]+(-[a-z0-9]+)*$)}", (IWebHostEnvironment environment) =>
                Results.File(Path.Combine(environment.WebRootPath, File), "text/html; charset=utf-8"))
            .ExcludeFromDescription()
            .AllowAnonymous();
        return app;
    }
}
