using System.Text.RegularExpressions;

namespace EnterpriseMcp.Deploy.Tests.Kubernetes;

/// <summary>
/// No secret value is committed: the manifests only name the Secret the operator creates with the README's
/// `kubectl create secret` command, which gives every key a pod requires.
/// </summary>
public sealed partial class SecretTests
{
    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void No_rendered_Secret_carries_data_from_the_repository(string overlay)
    {
        var rendering = Kustomize.Overlay(overlay);
        foreach (var secret in rendering.OfKind("Secret"))
        {
            Assert.Null(secret.At("data"));
            Assert.Null(secret.At("stringData"));
        }

        Assert.DoesNotMatch(SecretKind(), rendering.Text);
    }

    [Fact]
    public void No_file_under_deploy_kubernetes_defines_a_Secret_or_generates_one()
    {
        var folder = RepositoryFolder.PathOf("deploy", "kubernetes");
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(file => !file.EndsWith(".md")))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotMatch(SecretKind(), text);
            Assert.DoesNotContain("secretGenerator", text);
        }
    }

    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void The_README_creates_every_secret_key_the_pods_need(string overlay)
    {
        var readme = File.ReadAllText(RepositoryFolder.PathOf("deploy", "kubernetes", "README.md"));
        var references = Kustomize.Overlay(overlay).Pods
            .SelectMany(pod => pod.Pod.Items("spec", "containers"))
            .SelectMany(container => container.Items("env"))
            .Select(variable => variable.At("valueFrom", "secretKeyRef"))
            .Where(reference => reference is not null)
            .ToList();
        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            var name = reference.Text("name")!;
            var key = reference.Text("key")!;
            var created = new Regex($@"kubectl -n enterprise-mcp create secret generic {Regex.Escape(name)}\b[^\n]*(\\\n[^\n]*)*--from-literal={Regex.Escape(key)}=");
            Assert.Matches(created, readme);
        }
    }

    [GeneratedRegex(@"(?m)^kind:\s*Secret\s*$")]
    private static partial Regex SecretKind();
}
