using System.Reflection;
using System.Text.Json;
using NJsonSchema.Generation;

namespace Credit.Api.OpenApi;

/// <summary>Copies each <see cref="ExampleAttribute"/> into the schema of its property.</summary>
public sealed class PropertyExamples : ISchemaProcessor
{
    public void Process(SchemaProcessorContext context)
    {
        foreach (var property in context.ContextualType.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<ExampleAttribute>() is { } example
                && context.Schema.Properties.TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(property.Name), out var schema))
                schema.Example = example.Value;
        }
    }
}
