using Credit.Api.Subjects;
using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace Credit.Api.OpenApi;

/// <summary>Declares the Idempotency-Key header on every court change and on the applicant's steps on an objection, so the generated client asks for it.</summary>
public sealed class IdempotencyKeyHeader : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        var path = context.OperationDescription.Path;
        if (context.OperationDescription.Method == OpenApiOperationMethod.Post
            && (path.StartsWith("/api/v1/subjects/", StringComparison.Ordinal)
                // Every court step on an objection, and the applicant's: the filing (a double submission files once) and the
                // request for reconsideration.
                || path.StartsWith("/api/v1/objections/", StringComparison.Ordinal)
                || path.TrimEnd('/') == "/api/v1/public/objections"
                || (path.StartsWith("/api/v1/public/objections/", StringComparison.Ordinal) && path.EndsWith("/reconsideration", StringComparison.Ordinal))))
        {
            context.OperationDescription.Operation.Parameters.Add(new OpenApiParameter
            {
                Name = SubjectChange.IdempotencyHeader,
                Kind = OpenApiParameterKind.Header,
                IsRequired = true,
                Schema = new JsonSchema { Type = JsonObjectType.String, MaxLength = 100 },
                Description = "A new value per change (e.g. a UUID), repeated unchanged when the same change is retried.",
                Example = "0b8e4f0e-5a0c-4d1e-9c57-2f6a1d3b7e90",
            });
        }
        return true;
    }
}
