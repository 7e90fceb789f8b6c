using Microsoft.AspNetCore.Http.Metadata;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace Credit.Api.OpenApi;

/// <summary>Puts each endpoint's <c>WithSummary</c> and <c>WithDescription</c> into its operation. NSwag's own
/// processor reads summaries only from attributes and XML documentation of the handler method, which a Minimal
/// API lambda does not have; the endpoint metadata is where ASP.NET Core keeps them.</summary>
public sealed class EndpointSummaries : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        if (context is not AspNetCoreOperationProcessorContext aspNetCore)
            return true;
        var metadata = aspNetCore.ApiDescription.ActionDescriptor.EndpointMetadata;
        var operation = context.OperationDescription.Operation;
        if (metadata.OfType<IEndpointSummaryMetadata>().LastOrDefault() is { Summary: { Length: > 0 } summary })
            operation.Summary = summary;
        if (metadata.OfType<IEndpointDescriptionMetadata>().LastOrDefault() is { Description: { Length: > 0 } description })
            operation.Description = description;
        return true;
    }
}
