using Credit.Tests.Infrastructure;

namespace Credit.Tests.OpenApi;

/// <summary>An independent linter agrees that the served document is sound: Redocly's recommended rules report no error.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OpenApiLintTests(PlatformFixture fixture)
{
    [Fact]
    public async Task The_served_document_breaks_none_of_Redoclys_recommended_rules()
    {
        var document = await fixture.Platform.Client().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        var file = Path.Combine(Path.GetTempPath(), $"credit-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document, TestContext.Current.CancellationToken);
        try
        {
            var problems = await Redocly.LintAsync(file, TestContext.Current.CancellationToken);

            var errors = problems.Where(p => p.Severity == "error").ToList();
            Assert.True(errors.Count == 0, $"redocly lint reports {errors.Count} errors:\n{string.Join('\n', errors)}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_linter_reports_an_operation_without_a_summary_as_an_error()
    {
        var file = Path.Combine(Path.GetTempPath(), $"credit-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "servers": [{"url": "http://localhost"}],
             "paths": {"/x": {"get": {"operationId": "x", "security": [{}], "responses": {"200": {"description": "ok"}, "400": {"description": "bad"}}}}}}
            """, TestContext.Current.CancellationToken);
        try
        {
            var problems = await Redocly.LintAsync(file, TestContext.Current.CancellationToken);

            Assert.Contains(problems, p => p is { Rule: "operation-summary", Severity: "error", Where: "#/paths/~1x/get/summary" });
        }
        finally
        {
            File.Delete(file);
        }
    }
}
