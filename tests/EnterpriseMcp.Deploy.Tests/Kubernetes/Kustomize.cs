using System.Collections.Concurrent;

namespace EnterpriseMcp.Deploy.Tests.Kubernetes;

/// <summary>
/// An overlay as `kubectl kustomize` renders it, with the command the README gives (the realm file lives outside
/// deploy/kubernetes, hence the load restrictor), read once per test run.
/// </summary>
internal static class Kustomize
{
    public const string Folder = "deploy/kubernetes";

    public static readonly TheoryData<string> Overlays = new("production", "development");

    private static readonly ConcurrentDictionary<string, Lazy<Rendering>> Renderings = new();

    public static string Command(string folder) => $"kubectl kustomize --load-restrictor LoadRestrictionsNone {Folder}/{folder}";

    public static Rendering Overlay(string overlay) => Render($"overlays/{overlay}");

    public static Rendering Render(string folder) => Renderings.GetOrAdd(folder, _ => new Lazy<Rendering>(() =>
    {
        var result = Tool.Kubectl.Run("kustomize", "--load-restrictor", "LoadRestrictionsNone", $"{Folder}/{folder}");
        Assert.True(result.ExitCode == 0, $"{Command(folder)} failed: {result}");
        return new Rendering(result.Output);
    })).Value;
}

/// <summary>The rendered documents, each as its text and as a tree.</summary>
internal sealed class Rendering(string text)
{
    public string Text { get; } = text;

    /// <summary>kubectl kustomize separates documents by a line of three dashes, which no rendered value contains.</summary>
    public IReadOnlyList<string> Documents { get; } = text.Split("\n---\n", StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<object?> Objects => field ??= [.. Documents.Select(Yaml.Parse)];

    public IEnumerable<object?> OfKind(string kind) => Objects.Where(item => item.Text("kind") == kind);

    public object? Find(string kind, string name) => OfKind(kind).SingleOrDefault(item => item.Text("metadata", "name") == name);

    public object Get(string kind, string name) =>
        Find(kind, name) ?? throw new Xunit.Sdk.XunitException($"The rendering has no {kind} {name}.");

    /// <summary>A generated ConfigMap by the name it was given (its rendered name may have a hash suffix).</summary>
    public object ConfigMap(string name) =>
        OfKind("ConfigMap").SingleOrDefault(item => item.Text("metadata", "name") is { } rendered
            && (rendered == name || (rendered.StartsWith(name + "-") && rendered.Length == name.Length + 11)))
        ?? throw new Xunit.Sdk.XunitException($"The rendering has no ConfigMap generated as {name}.");

    /// <summary>Every Deployment's pod template, with the Deployment's name.</summary>
    public IEnumerable<(string Name, object? Pod)> Pods =>
        OfKind("Deployment").Concat(OfKind("StatefulSet")).Select(item => (item.Text("metadata", "name")!, item.At("spec", "template")));

    /// <summary>The environment a container's envFrom ConfigMaps give it, later ones winning as in Kubernetes.</summary>
    public IReadOnlyDictionary<string, string> Environment(object? container)
    {
        var environment = new Dictionary<string, string>();
        foreach (var source in container.Items("envFrom"))
        {
            if (source.Text("configMapRef", "name") is { } name)
            {
                var map = OfKind("ConfigMap").Single(item => item.Text("metadata", "name") == name);
                foreach (var (key, value) in map.Strings("data"))
                {
                    environment[key] = value;
                }
            }
        }

        return environment;
    }
}
