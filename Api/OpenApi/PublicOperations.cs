using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace Credit.Api.OpenApi;

/// <summary>Says of every operation that needs no key that it needs none, rather than leaving a client to guess from
/// silence: its security is one empty requirement (<c>security: [{}]</c>, "nothing required"; NSwag drops an empty
/// list when it writes the document). Runs after the processor that adds the key requirement to protected ones.</summary>
public sealed class PublicOperations : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        var operation = context.OperationDescription.Operation;
        if (operation.Security is null || operation.Security.Count == 0)
            operation.Security = [new OpenApiSecurityRequirement()];
        return true;
    }
}
