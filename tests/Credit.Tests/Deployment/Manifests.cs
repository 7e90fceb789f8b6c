using Credit.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Credit.Tests.Deployment;

/// <summary>The Kubernetes manifests and kustomizations of the source tree, read as YAML.</summary>
public static class Manifests
{
    public static string Root => SourceTree.Root;

    public static string K8s => Path.Combine(Root, "k8s");

    /// <summary>Every document of a YAML file or text (a manifest may hold several, split by <c>---</c>).</summary>
    public static IReadOnlyList<YamlMappingNode> Documents(TextReader yaml)
    {
        var stream = new YamlStream();
        stream.Load(yaml);
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    public static IReadOnlyList<YamlMappingNode> Read(string path)
    {
        using var reader = File.OpenText(path);
        return Documents(reader);
    }

    /// <summary>The value under <paramref name="key"/>, or null when the mapping has none.</summary>
    public static YamlNode? Get(this YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string? Text(this YamlNode node, string key) => (node.Get(key) as YamlScalarNode)?.Value;

    /// <summary>The items of the list under <paramref name="key"/>; none when there is no such list.</summary>
    public static IReadOnlyList<YamlNode> Items(this YamlNode node, string key) =>
        node.Get(key) is YamlSequenceNode sequence ? [.. sequence.Children] : [];

    public static IEnumerable<YamlMappingNode> OfKind(this IEnumerable<YamlMappingNode> documents, string kind) =>
        documents.Where(d => d.Text("kind") == kind);
}
