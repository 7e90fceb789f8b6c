using System.Reflection;
using Credit.Api.Hosting;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Subjects;
using Credit.Hosting.Storage;
using Credit.ReadModels.ChangeLog;
using Credit.Tests.Infrastructure;
using NetArchTest.Rules;

namespace Credit.Tests.Architecture;

/// <summary>The arrows of the project graph (README, "Layout"):
/// Grains.Interfaces ← Grains; Grains.Interfaces ← ReadModels; Hosting → Grains, ReadModels; Silo → Hosting;
/// Api → Grains.Interfaces, ReadModels, Hosting. Project references let a layer reach further than its arrows
/// (Api sees Grains through Hosting), so these rules read the compiled code.</summary>
public sealed class LayerTests
{
    private static readonly Assembly Contracts = typeof(SubjectId).Assembly;
    private static readonly Assembly Behaviour = typeof(SubjectGrain).Assembly;
    private static readonly Assembly ReadModels = typeof(PostgresSubjectProjection).Assembly;
    private static readonly Assembly Hosting = typeof(SchemaMigrator).Assembly;
    private static readonly Assembly Api = typeof(CreditApplication).Assembly;

    [Fact]
    public void The_contracts_depend_on_no_other_layer() =>
        AssertReferencesOnly(Contracts);

    [Fact]
    public void The_domain_depends_on_the_contracts_alone() =>
        AssertReferencesOnly(Behaviour, Contracts);

    [Fact]
    public void The_read_models_depend_on_the_contracts_alone_and_not_on_the_domain() =>
        AssertReferencesOnly(ReadModels, Contracts);

    [Fact]
    public void Hosting_depends_on_the_domain_and_the_read_models() =>
        AssertReferencesOnly(Hosting, Contracts, Behaviour, ReadModels);

    [Fact]
    public void Api_references_no_program_and_not_the_domain() =>
        AssertReferencesOnly(Api, Contracts, ReadModels, Hosting);

    [Fact]
    public void Api_outside_its_hosting_folder_uses_neither_the_domain_nor_hosting()
    {
        var result = Types.InAssembly(Api)
            .That().DoNotResideInNamespace("Credit.Api.Hosting")
            .ShouldNot().HaveDependencyOnAny([.. Namespaces(Behaviour), .. Namespaces(Hosting)])
            .GetResult();
        Assert.True(result.IsSuccessful, $"Api types outside Api/Hosting that use the domain or Hosting: {Names(result)}");
    }

    [Fact]
    public void Only_hosting_reads_orleans_storage_internals()
    {
        foreach (var layer in new[] { Contracts, Behaviour, ReadModels, Api })
        {
            var result = Types.InAssembly(layer).ShouldNot().HaveDependencyOn("Orleans.Storage").GetResult();
            Assert.True(result.IsSuccessful, $"{layer.GetName().Name} uses Orleans' storage: {Names(result)}");
        }
    }

    [Fact]
    public void The_silo_program_is_its_program_file_alone()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(SourceTree.Root, "Silo"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(SourceTree.Root, path));
        Assert.Equal(["Silo/Program.cs"], sources);
        Assert.DoesNotContain("..\\Grains", File.ReadAllText(Path.Combine(SourceTree.Root, "Silo", "Silo.csproj")), StringComparison.Ordinal);
    }

    /// <summary>Of the platform's own assemblies, <paramref name="layer"/> may use only <paramref name="allowed"/>.</summary>
    private static void AssertReferencesOnly(Assembly layer, params Assembly[] allowed)
    {
        var ours = new[] { Contracts, Behaviour, ReadModels, Hosting, Api }.Select(a => a.GetName().Name).ToHashSet();
        ours.UnionWith(["Silo", "Credit.Client"]);
        var beyond = layer.GetReferencedAssemblies().Select(a => a.Name).Where(ours.Contains)
            .Except(allowed.Select(a => a.GetName().Name));
        Assert.Empty(beyond);
    }

    private static IEnumerable<string> Namespaces(Assembly assembly) =>
        assembly.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith("Credit.", StringComparison.Ordinal) && !n.StartsWith("Credit.Grains.Interfaces", StringComparison.Ordinal))
            .Distinct();

    private static string Names(NetArchTest.Rules.TestResult result) => string.Join(", ", result.FailingTypeNames ?? []);
}
