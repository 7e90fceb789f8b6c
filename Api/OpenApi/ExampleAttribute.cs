namespace Credit.Api.OpenApi;

/// <summary>A value a clerk could send in this member, shown as the example of its schema in the OpenAPI document.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ExampleAttribute(object value) : Attribute
{
    public object Value { get; } = value;
}
