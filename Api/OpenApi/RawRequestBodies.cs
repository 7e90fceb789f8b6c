using NJsonSchema;
using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace Credit.Api.OpenApi;

/// <summary>Marks an endpoint that reads its body itself, in one of these content types, rather than having it bound.</summary>
public interface IRawRequestBody
{
    string[] ContentTypes { get; }

    string Description { get; }
}

/// <summary>An image's raw bytes.</summary>
public sealed record BinaryRequestBody(params string[] ContentTypes) : IRawRequestBody
{
    public string Description => "The image's bytes.";
}

/// <summary>A file (CSV, NDJSON), streamed rather than bound.</summary>
public sealed record FileRequestBody(params string[] ContentTypes) : IRawRequestBody
{
    public string Description => "The file, in UTF-8.";
}

/// <summary>Declares raw request bodies as binary, so the generated client sends the caller's stream as it is.</summary>
public sealed class RawRequestBodies : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        var metadata = (context as AspNetCoreOperationProcessorContext)?.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata?.OfType<IRawRequestBody>().FirstOrDefault() is not { } raw)
            return true;
        var body = new OpenApiRequestBody { IsRequired = true, Description = raw.Description };
        foreach (var type in raw.ContentTypes)
            body.Content[type] = new OpenApiMediaType { Schema = new JsonSchema { Type = JsonObjectType.String, Format = JsonFormatStrings.Binary } };
        context.OperationDescription.Operation.RequestBody = body;
        return true;
    }
}
