using System.Diagnostics;
using System.Text.Json;
using Credit.Tests.Infrastructure;

namespace Credit.Tests.OpenApi;

/// <summary>Redocly's CLI, at the version tools/openapi-lint pins, run on a document with that folder's rule set.</summary>
public static class Redocly
{
    private static readonly string Folder = Path.Combine(SourceTree.Root, "tools", "openapi-lint");
    private static readonly string Cli = Path.Combine(Folder, "node_modules", "@redocly", "cli", "bin", "cli.js");

    /// <summary>One problem the linter reports: its rule, severity, message and where in the document.</summary>
    public sealed record Problem(string Rule, string Severity, string Message, string Where)
    {
        public override string ToString() => $"{Severity} {Rule} at {Where}: {Message}";
    }

    public static async Task<IReadOnlyList<Problem>> LintAsync(string documentFile, CancellationToken cancellationToken)
    {
        if (!File.Exists(Cli))
        {
            throw new InvalidOperationException(
                $"Redocly's CLI is not installed at {Cli}. ./credit test installs it (npm ci --prefix tools/openapi-lint, from the npm " +
                "registry); run that, with node 20.19+ and npm on the PATH. This test does not skip: the document must be linted.");
        }
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Cli, "lint", documentFile, "--config", Path.Combine(Folder, "redocly.yaml"), "--format", "json" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
            Environment = { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["NO_COLOR"] = "1" },
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var json = await output;
        if (!json.TrimStart().StartsWith('{'))
            throw new InvalidOperationException($"redocly lint gave no report (exit {process.ExitCode}): {json}\n{await errors}");
        using var report = JsonDocument.Parse(json);
        return [.. report.RootElement.GetProperty("problems").EnumerateArray().Select(p => new Problem(
            p.GetProperty("ruleId").GetString()!,
            p.GetProperty("severity").GetString()!,
            p.GetProperty("message").GetString()!,
            p.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("pointer").GetString()).FirstOrDefault() ?? ""))];
    }
}
