using NJsonSchema;
using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace Credit.Api.OpenApi;

/// <summary>Marks an endpoint whose 200 response is streamed line by line in one of these content types.</summary>
public sealed record StreamedResponse(params string[] ContentTypes);

/// <summary>Declares streamed responses (NDJSON, CSV, server-sent events) as binary, so the generated client
/// hands the caller the open stream to read line by line instead of parsing one JSON document.</summary>
public sealed class StreamedResponses : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        var metadata = (context as AspNetCoreOperationProcessorContext)?.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata?.OfType<StreamedResponse>().FirstOrDefault() is not { } streamed)
            return true;
        var response = new OpenApiResponse { Description = "The stream." };
        foreach (var type in streamed.ContentTypes)
            response.Content[type] = new OpenApiMediaType { Schema = new JsonSchema { Type = JsonObjectType.String, Format = JsonFormatStrings.Binary } };
        context.OperationDescription.Operation.Responses["200"] = response;
        return true;
    }
}
