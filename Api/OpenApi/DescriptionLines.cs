using System.Text.RegularExpressions;
using NJsonSchema;
using NJsonSchema.Visitors;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace Credit.Api.OpenApi;

/// <summary>Joins the lines of descriptions taken from XML documentation, which keep the source's line breaks and
/// indentation, into one paragraph.</summary>
public sealed partial class DescriptionLines : IDocumentProcessor
{
    public void Process(DocumentProcessorContext context) => new Visitor().Visit(context.Document);

    [GeneratedRegex(@"\s*\n\s*")]
    private static partial Regex LineBreak();

    private sealed class Visitor : JsonSchemaVisitorBase
    {
        protected override JsonSchema VisitSchema(JsonSchema schema, string path, string? typeNameHint)
        {
            if (schema.Description is { } description)
                schema.Description = LineBreak().Replace(description.Trim(), " ");
            return schema;
        }
    }
}
