using System.Text.Json.Serialization;
using Credit.Api.Courts;
using Credit.Grains.Interfaces.Identifiers;
using NJsonSchema;
using NJsonSchema.Generation;
using NJsonSchema.Generation.TypeMappers;
using NSwag;
using NSwag.Generation.Processors.Security;

namespace Credit.Api.OpenApi;

public static class OpenApiSetup
{
    /// <summary>The OpenAPI document at /openapi/v1.json: exact enough to generate the courts' and agencies' client.</summary>
    private const string ApiKeyScheme = "ApiKey";

    public static IServiceCollection AddCreditOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddOpenApiDocument(settings =>
        {
            settings.DocumentName = "v1";
            settings.Title = "Credit 失信被执行人信用惩戒平台";
            settings.Version = "v1";
            settings.Description = "Courts list, correct and remove dishonest debtors, restrict consumption and ban exit (changes need an Idempotency-Key header); agencies pull snapshots and changes of the subjects their measures cover, check IDs and report hits; the public searches the list.";
            if (settings.SchemaSettings is SystemTextJsonSchemaGeneratorSettings json)
                json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // Identifiers travel as their normalised strings.
            foreach (var identifier in new[] { typeof(ResidentId), typeof(CreditCode), typeof(SubjectId), typeof(CourtCode), typeof(CaseNumber) })
                settings.SchemaSettings.TypeMappers.Add(new PrimitiveTypeMapper(identifier, schema => schema.Type = JsonObjectType.String));
            // Courts and agencies send their keys in the same header; the key itself says whose it is.
            settings.AddSecurity(ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = OpenApiSecuritySchemeType.ApiKey,
                Name = CourtApiKeyAuthentication.Header,
                In = OpenApiSecurityApiKeyLocation.Header,
                Description = "The court's or the agency's API key.",
            });
            settings.SchemaSettings.SchemaProcessors.Add(new PropertyExamples());
            settings.OperationProcessors.Add(new AspNetCoreOperationSecurityScopeProcessor(ApiKeyScheme));
            settings.OperationProcessors.Add(new PublicOperations());
            settings.OperationProcessors.Add(new EndpointSummaries());
            settings.OperationProcessors.Add(new ParameterDocs());
            settings.OperationProcessors.Add(new IdempotencyKeyHeader());
            settings.OperationProcessors.Add(new StreamedResponses());
            settings.OperationProcessors.Add(new RawRequestBodies());
            settings.DocumentProcessors.Add(new NullableReferences());
            settings.DocumentProcessors.Add(new DescriptionLines());
        });
        return services;
    }
}
