using Microsoft.Extensions.Options;

namespace Credit.Hosting.Telemetry;

/// <summary>Refuses telemetry settings that cannot work, naming each setting and its rule.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        const string section = TelemetryOptions.Section;
        var problems = new List<string>();
        if (!TelemetryOptions.IsValidEndpoint(options.OtlpEndpoint))
            problems.Add($"{section}:OtlpEndpoint must be an absolute http or https URL (or left out)");
        if (options.MetricInterval < TimeSpan.FromSeconds(1) || options.MetricInterval > TimeSpan.FromHours(1))
            problems.Add($"{section}:MetricInterval must be 1 second to 1 hour");
        if (options.SampleInterval < TimeSpan.FromSeconds(1) || options.SampleInterval > TimeSpan.FromMinutes(10))
            problems.Add($"{section}:SampleInterval must be 1 second to 10 minutes");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
