using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

// Generates the typed C# client that courts and agencies use, from the platform's OpenAPI document:
//   dotnet run --project tools/Credit.ClientGenerator -- http://127.0.0.1:5080/openapi/v1.json clients/Credit.Client
// (start the platform first with ./credit start). Writes openapi.json and CreditClient.g.cs.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Credit.ClientGenerator <openapi url or file> <client folder>");
    return 2;
}

var source = args[0];
var json = source.StartsWith("http", StringComparison.OrdinalIgnoreCase)
    ? await new HttpClient().GetStringAsync(source)
    : await File.ReadAllTextAsync(source);
var document = await OpenApiDocument.FromJsonAsync(json);
// The committed document must not depend on where the generator happened to fetch it.
document.Servers.Clear();

var settings = new CSharpClientGeneratorSettings
{
    ClassName = "CreditClient",
    GenerateClientInterfaces = true,
    UseBaseUrl = false,
    OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
    CSharpGeneratorSettings =
    {
        Namespace = "Credit.Client",
        JsonLibrary = CSharpJsonLibrary.SystemTextJson,
        GenerateNullableReferenceTypes = true,
        DateType = "System.DateOnly",
        DateTimeType = "System.DateTimeOffset",
        ArrayType = "System.Collections.Generic.IReadOnlyList",
        ArrayInstanceType = "System.Collections.Generic.List",
    },
};
var code = new CSharpClientGenerator(document, settings).GenerateFile();

Directory.CreateDirectory(args[1]);
await File.WriteAllTextAsync(Path.Combine(args[1], "openapi.json"), document.ToJson());
await File.WriteAllTextAsync(Path.Combine(args[1], "CreditClient.g.cs"), code);
Console.WriteLine($"Wrote {Path.Combine(args[1], "CreditClient.g.cs")} from {source}");
return 0;
