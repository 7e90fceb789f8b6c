using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace Credit.Api.OpenApi;

/// <summary>Gives each parameter of an operation the description and example its endpoint declares
/// (<see cref="ParameterDoc"/>); the declaration nearest the endpoint wins.</summary>
public sealed class ParameterDocs : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        if (context is not AspNetCoreOperationProcessorContext aspNetCore)
            return true;
        var docs = aspNetCore.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ParameterDoc>().ToList();
        foreach (var parameter in context.OperationDescription.Operation.Parameters)
        {
            if (docs.LastOrDefault(d => string.Equals(d.Name, parameter.Name, StringComparison.Ordinal)) is not { } doc)
                continue;
            parameter.Description = doc.Description;
            if (doc.Example is not null)
                parameter.Example = doc.Example;
        }
        return true;
    }
}
