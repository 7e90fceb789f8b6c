using System.Diagnostics;
using Credit.Api.Agencies.Catalogue;
using Credit.Api.Partners.Catalogue;
using Credit.Api.Screens.Channels;
using Credit.Api.Hosting;
using YamlDotNet.RepresentationModel;

namespace Credit.Tests.Deployment;

/// <summary>The manifests in k8s/ agree with each other and with the platform: kustomize applies all of them, the
/// agency catalogue's ConfigMap is generated from the catalogue the platform ships, and the API reads it from where
/// the ConfigMap is mounted, in a way that lets a changed catalogue reach the running pods.</summary>
public sealed class KubernetesManifestTests
{
    private const string CatalogueConfigMap = "credit-agency-catalogue";

    /// <summary>The setting <see cref="AgencyCatalogueOptions.CatalogueFile"/> as an environment variable.</summary>
    private static readonly string CatalogueFileVariable = $"{AgencyCatalogueOptions.Section.Replace(":", "__", StringComparison.Ordinal)}__{nameof(AgencyCatalogueOptions.CatalogueFile)}";

    private static readonly string ShippedCatalogue = Path.Combine(Manifests.Root, "Api", AgencyCatalogueSource.DefaultFile);

    private static IReadOnlyList<string> Resources => [.. Manifests.Read(Path.Combine(Manifests.K8s, "kustomization.yaml")).Single().Items("resources").Cast<YamlScalarNode>().Select(r => r.Value!)];

    [Fact]
    public void The_kustomization_lists_every_manifest_and_the_catalogue_kustomization()
    {
        var manifests = Directory.GetFiles(Manifests.K8s, "*.yaml").Select(Path.GetFileName).Where(name => name != "kustomization.yaml");

        Assert.Equal(manifests.Order(StringComparer.Ordinal), Resources.Where(r => r.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains(Path.GetDirectoryName(ShippedCatalogue), Resources.Select(r => Path.GetFullPath(Path.Combine(Manifests.K8s, r))));
    }

    /// <summary>The operator's data files a cluster mounts from ConfigMaps: the agency catalogue and the screen channels, each
    /// with its ConfigMap, the setting that names the file, and the copy the platform ships.</summary>
    public static TheoryData<string, string, string> DataFiles => new()
    {
        { CatalogueConfigMap, CatalogueFileVariable, ShippedCatalogue },
        {
            "credit-screen-channels",
            $"{ScreenChannelOptions.Section.Replace(":", "__", StringComparison.Ordinal)}__{nameof(ScreenChannelOptions.ChannelFile)}",
            Path.Combine(Manifests.Root, "Api", ScreenChannelOptions.DefaultFile)
        },
        {
            "credit-partners",
            $"{PartnerFileOptions.Section.Replace(":", "__", StringComparison.Ordinal)}__{nameof(PartnerFileOptions.PartnerFile)}",
            Path.Combine(Manifests.Root, "Api", PartnerFileOptions.DefaultFile)
        },
    };

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void The_config_map_is_generated_from_the_shipped_file_under_a_fixed_name_in_the_namespace(string configMap, string variable, string shipped)
    {
        var (generator, folder) = Generator(configMap);
        var file = Assert.Single(generator.Items("files").Cast<YamlScalarNode>()).Value!;

        Assert.NotEmpty(variable);
        Assert.Equal(shipped, Path.GetFullPath(Path.Combine(folder, SourceOf(file))));
        // A hashed name would roll the pods on every change instead of letting the API reload the file.
        Assert.Equal("true", generator.Get("options")?.Text("disableNameSuffixHash"));
        Assert.Equal("credit", generator.Text("namespace"));
    }

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void Every_container_that_names_the_file_mounts_the_config_map_as_a_folder_holding_it(string configMap, string variable, string shipped)
    {
        var (generator, _) = Generator(configMap);
        Assert.True(File.Exists(shipped));
        var keys = generator.Items("files").Cast<YamlScalarNode>().Select(f => KeyOf(f.Value!)).ToList();
        var deployments = Directory.GetFiles(Manifests.K8s, "*.yaml").SelectMany(Manifests.Read).OfKind("Deployment").ToList();
        var readers = new List<string>();

        foreach (var deployment in deployments)
        {
            var pod = deployment.Get("spec")!.Get("template")!.Get("spec")!;
            foreach (var container in pod.Items("containers"))
            {
                if (container.Items("env").SingleOrDefault(e => e.Text("name") == variable)?.Text("value") is not { } file)
                    continue;
                readers.Add(deployment.Get("metadata")!.Text("name")!);
                var mount = Assert.Single(container.Items("volumeMounts"), m => file.StartsWith(m.Text("mountPath")!.TrimEnd('/') + "/", StringComparison.Ordinal));
                // The kubelet never updates a subPath mount: the pod would keep the catalogue it started with.
                Assert.Null(mount.Get("subPath"));
                var volume = Assert.Single(pod.Items("volumes"), v => v.Text("name") == mount.Text("name"));
                Assert.Equal(configMap, volume.Get("configMap")?.Text("name"));
                Assert.Contains(Path.GetRelativePath(mount.Text("mountPath")!, file), keys);
            }
        }
        Assert.Contains("credit-api", readers);
    }

    [Fact]
    public void The_api_honours_forwarded_addresses_from_the_networks_it_names_and_no_wider()
    {
        var api = Assert.Single(Directory.GetFiles(Manifests.K8s, "*.yaml").SelectMany(Manifests.Read).OfKind("Deployment"),
            d => d.Get("metadata")!.Text("name") == "credit-api");
        var container = Assert.Single(api.Get("spec")!.Get("template")!.Get("spec")!.Items("containers"));
        var prefix = $"{TrustedProxyOptions.Section.Replace(":", "__", StringComparison.Ordinal)}__{nameof(TrustedProxyOptions.TrustedProxies)}__";

        var proxies = container.Items("env").Where(e => e.Text("name")!.StartsWith(prefix, StringComparison.Ordinal)).Select(e => e.Text("value")!).ToList();

        Assert.NotEmpty(proxies);
        Assert.All(proxies, proxy =>
        {
            Assert.True(TrustedProxyOptions.TryParse(proxy, out var network), $"{proxy} is not a network");
            // Trusting every address would let any client name whatever address it likes.
            Assert.True(network.PrefixLength > 0, $"{proxy} trusts every address");
        });
    }

    [Fact]
    public async Task Kubectl_kustomize_builds_the_catalogue_config_map_from_the_catalogue_file()
    {
        var kubectl = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "kubectl")).FirstOrDefault(File.Exists);
        Assert.SkipUnless(kubectl is not null, "kubectl is not installed: the manifests were checked as YAML only");
        using var process = Process.Start(new ProcessStartInfo(kubectl!, ["kustomize", Manifests.K8s]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, await errors);

        var built = Manifests.Documents(new StringReader(await output));

        var configMap = Assert.Single(built.OfKind("ConfigMap"), c => c.Get("metadata")!.Text("name") == CatalogueConfigMap);
        Assert.Equal("credit", configMap.Get("metadata")!.Text("namespace"));
        Assert.Equal(await File.ReadAllTextAsync(ShippedCatalogue, TestContext.Current.CancellationToken), configMap.Get("data")!.Text("catalogue.json"));
        Assert.Contains(built.OfKind("Deployment"), d => d.Get("metadata")!.Text("name") == "credit-api");
    }

    /// <summary>The generator of a ConfigMap, and the folder of the kustomization that holds it.</summary>
    private static (YamlNode Generator, string Folder) Generator(string configMap)
    {
        var folders = Resources.Select(r => Path.GetFullPath(Path.Combine(Manifests.K8s, r))).Where(Directory.Exists);
        var generators = folders.SelectMany(folder => Manifests.Read(Path.Combine(folder, "kustomization.yaml"))
            .SelectMany(k => k.Items("configMapGenerator")).Select(g => (Generator: g, Folder: folder)));
        return Assert.Single(generators, g => g.Generator.Text("name") == configMap);
    }

    /// <summary>A generator's file entry is <c>path</c> or <c>key=path</c>; the key defaults to the file's name.</summary>
    private static string KeyOf(string entry) => entry.Contains('=', StringComparison.Ordinal) ? entry[..entry.IndexOf('=', StringComparison.Ordinal)] : Path.GetFileName(entry);

    private static string SourceOf(string entry) => entry.Contains('=', StringComparison.Ordinal) ? entry[(entry.IndexOf('=', StringComparison.Ordinal) + 1)..] : entry;
}
