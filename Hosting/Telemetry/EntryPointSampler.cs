using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Credit.Hosting.Telemetry;

/// <summary>A trace begins where work enters the platform: a request the server receives, a grain call or reminder tick
/// arriving at a grain. What the platform does on its own, with no such cause (the check index polling PostgreSQL every
/// second, the health watch, Orleans' membership table, the search indexer), starts no trace, which would otherwise be
/// most of what is sent; inside a request or a grain call, the same database calls are traced.</summary>
public sealed class EntryPointSampler : Sampler
{
    private static readonly SamplingResult Sampled = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Dropped = new(SamplingDecision.Drop);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind is ActivityKind.Server or ActivityKind.Consumer ? Sampled : Dropped;
}
