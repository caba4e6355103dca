using YamlDotNet.Serialization;

namespace EnterpriseMcp.Deploy.Tests.Kubernetes;

/// <summary>YAML read into plain maps, lists and strings, and walked by key or index.</summary>
internal static class Yaml
{
    private static readonly IDeserializer Reader = new DeserializerBuilder().Build();

    public static object? Parse(string text) => Reader.Deserialize<object?>(text);

    public static object? At(this object? node, params object[] path)
    {
        foreach (var step in path)
        {
            node = (node, step) switch
            {
                (Dictionary<object, object?> map, string key) => map.GetValueOrDefault(key),
                (List<object?> list, int index) => index < list.Count ? list[index] : null,
                _ => null,
            };
        }

        return node;
    }

    public static string? Text(this object? node, params object[] path) => node.At(path) as string;

    public static IReadOnlyList<object?> Items(this object? node, params object[] path) => node.At(path) as List<object?> ?? [];

    public static IReadOnlyDictionary<string, string> Strings(this object? node, params object[] path) =>
        node.At(path) is Dictionary<object, object?> map
            ? map.ToDictionary(entry => (string)entry.Key, entry => entry.Value as string ?? "")
            : new Dictionary<string, string>();

    /// <summary>The same tree: maps with the same keys and values, lists in the same order, the same scalars.</summary>
    public static bool SameAs(this object? left, object? right) => (left, right) switch
    {
        (Dictionary<object, object?> a, Dictionary<object, object?> b) =>
            a.Count == b.Count && a.All(entry => b.TryGetValue(entry.Key, out var other) && entry.Value.SameAs(other)),
        (List<object?> a, List<object?> b) => a.Count == b.Count && a.Zip(b).All(pair => pair.First.SameAs(pair.Second)),
        _ => Equals(left, right),
    };
}
