using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace Credit.Api.Problems;

/// <summary>The query parameters of an endpoint's handler, for the checks that must see a value before the binder reads it.</summary>
public static class QueryParameters
{
    /// <summary>The query names of the handler's parameters of <paramref name="type"/> (or its nullable form), its own and those
    /// of an [AsParameters] type.</summary>
    public static string[] OfType(Endpoint endpoint, Type type)
    {
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is not { } handler)
            return [];
        var routeValues = (endpoint as RouteEndpoint)?.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        var parameters = handler.GetParameters().SelectMany(p => p.GetCustomAttribute<AsParametersAttribute>() is null
            ? [p]
            : p.ParameterType.GetConstructors().SelectMany(c => c.GetParameters()));
        return [.. parameters
            .Where(p => (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) == type)
            .Where(p => p.GetCustomAttribute<FromRouteAttribute>() is null && p.GetCustomAttribute<FromHeaderAttribute>() is null
                && p.GetCustomAttribute<FromBodyAttribute>() is null && p.GetCustomAttribute<FromFormAttribute>() is null)
            .Select(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name!)
            .Where(name => !routeValues.Contains(name))
            .Distinct()];
    }
}
