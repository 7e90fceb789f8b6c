namespace Credit.Api.OpenApi;

/// <summary>What a route, query or header parameter means and a value a caller could send, declared where the
/// parameter is introduced (on a group for a parameter all its routes share) and written into the OpenAPI document
/// by <see cref="ParameterDocs"/>.</summary>
public sealed record ParameterDoc(string Name, string Description, object? Example);

public static class ParameterDocExtensions
{
    /// <param name="example">A value a caller could send; null where no made-up value would do (a cursor the service gives out).</param>
    public static TBuilder WithParameter<TBuilder>(this TBuilder builder, string name, string description, object? example = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ParameterDoc(name, description, example));
}
