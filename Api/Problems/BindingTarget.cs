using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;

namespace Credit.Api.Problems;

/// <summary>The .NET type that a request field which could not be read was meant to become: found from the endpoint's
/// handler (a route or query parameter) or by walking the JSON path through its body type, the way the serializer
/// reads it, so that a refusal can say what the field accepts.</summary>
public static partial class BindingTarget
{
    public static Type? OfParameter(Endpoint? endpoint, string name) =>
        endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters()
            .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.ParameterType;

    /// <param name="path">The field's path as the serializer reports it, without <c>$.</c>: <c>grounds[0].ground</c>.</param>
    public static Type? OfBodyField(Endpoint? endpoint, JsonSerializerOptions json, string path) => OfField(BodyType(endpoint), json, path);

    /// <summary>The type of the field at <paramref name="path"/> in a request of type <paramref name="body"/>.</summary>
    public static Type? OfField(Type? body, JsonSerializerOptions json, string path)
    {
        var type = body;
        foreach (Match step in Step().Matches(path))
        {
            if (type is null)
                return null;
            var info = json.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
            type = step.Groups["index"].Success
                ? info.ElementType
                : info.Kind == JsonTypeInfoKind.Object
                    ? info.Properties.FirstOrDefault(p => string.Equals(p.Name, step.Groups["name"].Value, StringComparison.Ordinal))?.PropertyType
                    : null;
        }
        return type;
    }

    public static Type? BodyType(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;

    /// <summary>The names an enumeration accepts, or null when <paramref name="type"/> is not one.</summary>
    public static string[]? EnumNames(Type? type) =>
        (Nullable.GetUnderlyingType(type ?? typeof(object)) ?? type) is { IsEnum: true } enumType ? Enum.GetNames(enumType) : null;

    [GeneratedRegex(@"(?<name>[^.\[\]]+)|\[(?<index>\d+)\]")]
    private static partial Regex Step();
}
