using Credit.Hosting.Telemetry;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Credit.Tests.Telemetry;

/// <summary>Telemetry is off unless an OTLP endpoint is configured, and a bad one stops the start.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TelemetryOptionsTests(PlatformFixture fixture)
{
    [Fact]
    public void Without_an_endpoint_no_tracing_or_metrics_pipeline_is_built()
    {
        Assert.Null(fixture.Platform.Services.GetService<TracerProvider>());
        Assert.Null(fixture.Platform.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void With_an_endpoint_traces_and_metrics_are_sent_there_over_the_chosen_protocol()
    {
        using var host = Host("--Credit:Telemetry:OtlpEndpoint", "http://collector:4318", "--Credit:Telemetry:OtlpProtocol", "HttpProtobuf");

        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<MeterProvider>());
        var options = host.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        Assert.Equal(new Uri("http://collector:4318/v1/traces"), options.ExporterFor("v1/traces").Endpoint);
        Assert.Equal(OtlpExportProtocol.HttpProtobuf, options.ExporterFor("v1/metrics").Protocol);
    }

    [Theory]
    [InlineData("OtlpEndpoint", "collector:4317")]
    [InlineData("OtlpEndpoint", "ftp://collector")]
    [InlineData("SampleInterval", "00:00:00")]
    [InlineData("MetricInterval", "02:00:00")]
    public async Task A_bad_setting_stops_the_start_naming_it(string setting, string value)
    {
        // Whether an endpoint is configured decides which pipelines are built, so the group is checked while the host
        // is built; any value the validator refuses must stop the process before it starts.
        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            using var host = Host($"--Credit:Telemetry:{setting}", value, "--Credit:Telemetry:OtlpEndpoint", setting == "OtlpEndpoint" ? value : "http://collector:4317");
            await host.StartAsync(TestContext.Current.CancellationToken);
        });

        Assert.Contains($"Credit:Telemetry:{setting}", refusal.Message, StringComparison.Ordinal);
    }

    private static IHost Host(params string[] args)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(args);
        // Never reached: the tests build the host, or fail its start, before anything reads the database.
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create("Host=127.0.0.1;Port=1"));
        builder.AddCreditTelemetry("credit-test");
        return builder.Build();
    }
}
