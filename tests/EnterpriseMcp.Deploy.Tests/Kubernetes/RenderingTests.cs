using k8s;

namespace EnterpriseMcp.Deploy.Tests.Kubernetes;

/// <summary>
/// The overlays render with the README's commands, the folder is yamllint-clean, and every built-in object reads into
/// the Kubernetes API types strictly. That is the schema check available without a cluster: `kubectl apply
/// --dry-run=client` and `kubectl create --dry-run=client` both ask an API server for discovery first and fail without
/// one, even with --validate=false. The Prometheus Operator's kinds are checked field by field in their own tests.
/// </summary>
public sealed class RenderingTests
{
    private static readonly string Readme = File.ReadAllText(RepositoryFolder.PathOf("deploy", "kubernetes", "README.md"));

    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void An_overlay_renders_with_the_command_the_README_gives(string overlay)
    {
        Assert.Contains(Kustomize.Command($"overlays/{overlay}"), Readme);
        Assert.NotEmpty(Kustomize.Overlay(overlay).OfKind("Deployment"));
    }

    [Fact]
    public void Yamllint_finds_nothing_to_complain_about()
    {
        string[] arguments = ["-c", "deploy/kubernetes/.yamllint", "-f", "parsable", "deploy/kubernetes"];
        Assert.Contains("yamllint " + string.Join(' ', arguments), Readme);
        var result = Tool.Yamllint.Run(arguments);
        Assert.True(result.ExitCode == 0 && result.Output.Trim().Length == 0, $"yamllint: {result}");
    }

    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Every_built_in_object_matches_the_Kubernetes_API_types(string overlay)
    {
        var checkedKinds = 0;
        foreach (var document in Kustomize.Overlay(overlay).Documents)
        {
            var item = Yaml.Parse(document);
            if (item.Text("apiVersion") == "monitoring.coreos.com/v1")
            {
                continue;
            }

            var objects = ReadStrictly(document);
            Assert.Single(objects);
            Assert.IsAssignableFrom<IKubernetesObject>(objects[0]);
            checkedKinds++;
        }

        Assert.True(checkedKinds > 10, $"only {checkedKinds} objects were checked");
    }

    [Theory]
    [InlineData("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: 1, replica: 3}\n")]
    [InlineData("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: three}\n")]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {ports: [{port: 80, tragetPort: 8080}]}\n")]
    public void The_strict_reading_refuses_a_misspelt_field_or_a_wrong_type(string document) =>
        Assert.ThrowsAny<Exception>(() => ReadStrictly(document));

    private static List<object> ReadStrictly(string document) => KubernetesYaml.LoadAllFromString(document, strict: true);
}
