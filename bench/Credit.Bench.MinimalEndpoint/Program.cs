// GET /x/{id} answers a small JSON of the same shape as an agency check that found nothing: Kestrel, routing and
// System.Text.Json only, no authentication, no index. See bench/README.md.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
app.MapGet("/x/{id}", (string id) => TypedResults.Ok(new Answer(id, "Clear", null, [])));
app.Run();

internal sealed record Answer(string Id, string Status, string? Reason, string[] Hits);
