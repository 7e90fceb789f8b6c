using NJsonSchema;
using NJsonSchema.Visitors;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace Credit.Api.OpenApi;

/// <summary>OpenAPI 3.0 lets <c>nullable</c> mean something only beside a <c>type</c>. NJsonSchema writes an optional
/// enumeration or object as <c>nullable</c> beside a one-schema <c>oneOf</c> reference and no type, which other tools
/// read as "not nullable" or refuse; this gives each such schema the type of what it refers to, and drops
/// <c>nullable</c> from untyped schemas, which admit null anyway.</summary>
public sealed class NullableReferences : IDocumentProcessor
{
    public void Process(DocumentProcessorContext context) => new Visitor().Visit(context.Document);

    private sealed class Visitor : JsonSchemaVisitorBase
    {
        protected override JsonSchema VisitSchema(JsonSchema schema, string path, string? typeNameHint)
        {
            if (schema.IsNullableRaw == true && schema.Type == JsonObjectType.None)
            {
                if (schema.OneOf.Count == 1 && schema.OneOf.Single().HasReference)
                    schema.Type = schema.OneOf.Single().ActualSchema.Type;
                else if (schema.OneOf.Count == 0 && schema.AllOf.Count == 0 && schema.AnyOf.Count == 0 && !schema.HasReference)
                    schema.IsNullableRaw = null;
            }
            return schema;
        }
    }
}
