using System.Text.Json;
using Credit.Tests.Infrastructure;

namespace Credit.Tests.OpenApi;

/// <summary>The served OpenAPI document tells a client (and the clerk behind it) what to send: every operation has a
/// summary, every parameter and every member of every request body a description, every scalar member an example, and the members a
/// request cannot do without are marked required.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OpenApiDocumentTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Every_operation_has_a_summary_and_says_whether_it_needs_a_key()
    {
        var document = await DocumentAsync();

        foreach (var (name, operation) in Operations(document))
        {
            Assert.True(operation.TryGetProperty("summary", out var summary) && summary.GetString() is { Length: > 0 }, $"{name} has no summary");
            Assert.True(operation.TryGetProperty("security", out _), $"{name} does not say whether it needs a key");
        }
    }

    [Fact]
    public async Task Every_parameter_is_described()
    {
        var document = await DocumentAsync();

        foreach (var (name, operation) in Operations(document))
        {
            if (!operation.TryGetProperty("parameters", out var parameters))
                continue;
            foreach (var parameter in parameters.EnumerateArray())
            {
                Assert.True(parameter.TryGetProperty("description", out var description) && description.GetString() is { Length: > 0 },
                    $"{name}: parameter {parameter.GetProperty("name").GetString()} has no description");
            }
        }
    }

    [Fact]
    public async Task Every_request_body_member_is_described_and_every_scalar_member_has_an_example()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var bodies = RequestBodySchemas(document, schemas);
        Assert.Contains("CreateListingRequest", bodies);
        Assert.Contains("GroundRequest", bodies);
        Assert.Contains("HitReportRequest", bodies);
        foreach (var body in bodies)
        {
            foreach (var member in schemas.GetProperty(body).GetProperty("properties").EnumerateObject())
            {
                Assert.True(member.Value.TryGetProperty("description", out var description) && description.GetString() is { Length: > 0 },
                    $"{body}.{member.Name} has no description");
                if (IsScalar(member.Value, schemas))
                    Assert.True(member.Value.TryGetProperty("example", out _), $"{body}.{member.Name} has no example");
            }
        }
    }

    [Fact]
    public async Task Every_enumeration_says_what_it_enumerates()
    {
        var document = await DocumentAsync();

        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject().Where(s => s.Value.TryGetProperty("enum", out _)))
        {
            Assert.True(schema.Value.TryGetProperty("description", out var description) && description.GetString() is { Length: > 0 },
                $"{schema.Name} has no description");
        }
    }

    [Theory]
    [InlineData("CreateListingRequest", "subject,caseNumber,enforcementBasis,obligation,amountOwed,performance,grounds,filingDate,publicationDate,decisionNumber,decisionDate,initiative")]
    [InlineData("ImposeRestrictionRequest", "subject,caseNumber,effectiveFrom,orderNumber,orderDate")]
    [InlineData("ExtendListingRequest", "years,explanation,condition")]
    [InlineData("SubjectRequest", "name")]
    [InlineData("PerformanceRequest", "status")]
    [InlineData("CorrectListingRequest", "explanation")]
    [InlineData("RemoveListingRequest", "reason,explanation")]
    [InlineData("ImposeExitBanRequest", "subject,caseNumber,decisionNumber,decisionDate,startDate,endDate")]
    [InlineData("HitReportRequest", "reportId,subject,measure,occurredAt,place,outcome")]
    public async Task The_members_a_request_cannot_do_without_are_required(string schema, string required)
    {
        var document = await DocumentAsync();

        var marked = document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("required")
            .EnumerateArray().Select(r => r.GetString()!).Order().ToList();

        Assert.Equal(required.Split(',').Order().ToList(), marked);
    }

    /// <summary>A change that creates an item answers 201, a change to an item 200; only one that names an existing item
    /// (a permission names its restriction) may answer 404; a read answers none of a change's problems.</summary>
    [Theory]
    [InlineData("CreateListing", "201,400,401,403,409,503")]
    [InlineData("ImposeRestriction", "201,400,401,403,409,503")]
    [InlineData("ImposeExitBan", "201,400,401,403,409,503")]
    [InlineData("GrantTravelPermission", "201,400,401,403,404,409,503")]
    [InlineData("CorrectListing", "200,400,401,403,404,409,503")]
    [InlineData("ExtendListing", "200,400,401,403,404,409,503")]
    [InlineData("RemoveListing", "200,400,401,403,404,409,503")]
    [InlineData("LiftRestriction", "200,400,401,403,404,409,503")]
    [InlineData("CorrectRestriction", "200,400,401,403,404,409,503")]
    [InlineData("RenewExitBan", "200,400,401,403,404,409,503")]
    [InlineData("LiftExitBan", "200,400,401,403,404,409,503")]
    [InlineData("CorrectExitBan", "200,400,401,403,404,409,503")]
    [InlineData("GetListing", "200,400,401,404")]
    [InlineData("ReportHit", "200,201,400,401,403,409,422")]
    [InlineData("CheckSubject", "200,401,403,503")]
    [InlineData("CheckSubjects", "200,400,401,403,503")]
    public async Task Each_operation_lists_exactly_the_statuses_it_answers(string operationId, string statuses)
    {
        var document = await DocumentAsync();

        var operation = Operations(document).Single(o => o.Operation.GetProperty("operationId").GetString() == operationId).Operation;

        Assert.Equal(statuses.Split(','), operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());
    }

    private async Task<JsonElement> DocumentAsync() =>
        JsonDocument.Parse(await fixture.Platform.Client().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).RootElement.Clone();

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => ($"{method.Name.ToUpperInvariant()} {path.Name}", method.Value)));

    /// <summary>The names of the schemas that request bodies use, and of every schema those refer to.</summary>
    private static HashSet<string> RequestBodySchemas(JsonElement document, JsonElement schemas)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonElement>(Operations(document)
            .Where(o => o.Operation.TryGetProperty("requestBody", out _))
            .SelectMany(o => o.Operation.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(c => c.Value.GetProperty("schema"))));
        while (pending.TryPop(out var schema))
        {
            switch (schema.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var member in schema.EnumerateObject())
                    {
                        if (member.Name == "$ref" && member.Value.GetString()!.Split('/')[^1] is var name && found.Add(name))
                            pending.Push(schemas.GetProperty(name));
                        else if (member.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                            pending.Push(member.Value);
                    }
                    break;
                case JsonValueKind.Array:
                    foreach (var item in schema.EnumerateArray())
                        pending.Push(item);
                    break;
            }
        }
        found.RemoveWhere(name => !schemas.GetProperty(name).TryGetProperty("properties", out _));
        return found;
    }

    private static bool IsScalar(JsonElement member, JsonElement schemas)
    {
        if (member.TryGetProperty("oneOf", out var oneOf) && oneOf[0].TryGetProperty("$ref", out var reference))
            member = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        if (member.TryGetProperty("type", out var type) && type.GetString() == "array")
            return member.GetProperty("items").TryGetProperty("type", out var item) && item.GetString() is not "object";
        return member.TryGetProperty("type", out type) && type.GetString() is "string" or "number" or "integer" or "boolean";
    }
}
