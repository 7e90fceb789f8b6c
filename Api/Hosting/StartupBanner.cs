using Credit.ReadModels.ApiKeys;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Credit.Api.Hosting;

/// <summary>Tells whoever started the platform where to find it.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app, bool embedded)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? CreditApplication.DefaultUrl;
        var lines = new List<string>
        {
            "",
            "Credit is up.",
            $"  API base:          {address}/api/v1",
            $"  OpenAPI document:  {address}/openapi/v1.json",
            $"  API explorer (UI): {address}/openapi",
            $"  Readiness:         {address}/health/ready",
        };
        if (embedded)
        {
            lines.Add("  Demo court keys (send as X-Api-Key):");
            lines.AddRange(DemoCourtKeys.All.Select(k => $"    {k.Court,-7} {k.Key}"));
            lines.Add("  Demo agency keys (X-Api-Key, for /api/v1/agencies/{agency}/...):");
            lines.AddRange(DemoAgencyKeys.All.Select(k => $"    {(k.Unit is null ? k.Agency : $"{k.Agency} ({k.Unit})"),-26} {k.Key}"));
            lines.Add("  Demo screen operator key (X-Api-Key, for /api/v1/screens/{channel}/...; display page /screens/{channel}#key=...):");
            lines.AddRange(DemoScreenOperatorKeys.All.Select(k => $"    {k.Operator,-26} {k.Key}"));
        }
        lines.Add("Press Ctrl+C to stop.");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
