using NJsonSchema;
using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace Credit.Api.OpenApi;

/// <summary>Marks an endpoint that reads its body itself as raw bytes of one of these content types (an image).</summary>
public sealed record BinaryRequestBody(params string[] ContentTypes);

/// <summary>Declares raw request bodies as binary, so the generated client sends a stream of the caller's choosing.</summary>
public sealed class BinaryRequestBodies : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        var metadata = (context as AspNetCoreOperationProcessorContext)?.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata?.OfType<BinaryRequestBody>().FirstOrDefault() is not { } binary)
            return true;
        var body = new OpenApiRequestBody { IsRequired = true, Description = "The image's bytes." };
        foreach (var type in binary.ContentTypes)
            body.Content[type] = new OpenApiMediaType { Schema = new JsonSchema { Type = JsonObjectType.String, Format = JsonFormatStrings.Binary } };
        context.OperationDescription.Operation.RequestBody = body;
        return true;
    }
}
