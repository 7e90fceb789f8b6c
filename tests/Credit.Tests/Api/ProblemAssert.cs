using System.Net;
using System.Text.Json;
using Credit.Tests.Infrastructure;

namespace Credit.Tests.Api;

public static class ProblemAssert
{
    /// <summary>The answer is RFC 9457 problem details with the given status, naming <paramref name="field"/> (if given).</summary>
    public static async Task<JsonElement> IsProblem(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (field is null)
            return problem;
        var named = problem.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().Any(e => e.Name == field)
            : problem.TryGetProperty("field", out var f) && f.GetString() == field;
        Assert.True(named, $"the problem should name '{field}': {text}");
        return problem;
    }
}
