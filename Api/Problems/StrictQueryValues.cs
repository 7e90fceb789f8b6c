using System.Collections.Concurrent;
using Credit.Api.Subjects;
using Microsoft.Extensions.Primitives;

namespace Credit.Api.Problems;

/// <summary>One check before binding of the query values whose types the framework reads too leniently (<see cref="QueryDates"/>,
/// <see cref="QueryNumbers"/>): each endpoint's parameters of those types are found once, and a value that breaks its rule is
/// a 400 naming the parameter.</summary>
public static class StrictQueryValues
{
    private static readonly (Type Type, Func<StringValues, IEnumerable<string>> Broken)[] Rules =
        [(typeof(DateOnly), QueryDates.Broken), (typeof(double), QueryNumbers.Broken)];

    private static readonly ConcurrentDictionary<Endpoint, (string Name, Func<StringValues, IEnumerable<string>> Broken)[]> Checked = new();

    public static IApplicationBuilder UseStrictQueryValues(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var parameters = http.GetEndpoint() is { } endpoint ? Checked.GetOrAdd(endpoint, Find) : [];
        var errors = new RequestErrors();
        foreach (var (name, broken) in parameters)
        {
            foreach (var rule in broken(http.Request.Query[name]))
                errors.Add(name, rule);
        }
        if (errors.Any)
        {
            await SubjectChange.Invalid(errors).ExecuteAsync(http);
            return;
        }
        await next(http);
    });

    private static (string, Func<StringValues, IEnumerable<string>>)[] Find(Endpoint endpoint) =>
        [.. Rules.SelectMany(rule => QueryParameters.OfType(endpoint, rule.Type).Select(name => (name, rule.Broken)))];
}
