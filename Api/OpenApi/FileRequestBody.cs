using NJsonSchema;
using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace Credit.Api.OpenApi;

/// <summary>Marks an endpoint that reads its body as a file in one of these content types, streamed rather than bound.</summary>
public sealed record FileRequestBody(params string[] ContentTypes);

/// <summary>Declares a file body (CSV, NDJSON) as binary, so the generated client sends the caller's stream as it is.</summary>
public sealed class FileRequestBodies : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        var metadata = (context as AspNetCoreOperationProcessorContext)?.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata?.OfType<FileRequestBody>().FirstOrDefault() is not { } file)
            return true;
        var body = new OpenApiRequestBody { IsRequired = true, Description = "The file, in UTF-8." };
        foreach (var type in file.ContentTypes)
            body.Content[type] = new OpenApiMediaType { Schema = new JsonSchema { Type = JsonObjectType.String, Format = JsonFormatStrings.Binary } };
        context.OperationDescription.Operation.RequestBody = body;
        return true;
    }
}
