namespace EnterpriseMcp.Deploy.Tests.Kubernetes;

/// <summary>
/// The tool servers and Redis take connections from gateway pods only (the tool servers also from the monitoring
/// namespace, for Prometheus): each is selected by a policy with Ingress, and every peer any such policy allows is one
/// of those. Selectors are evaluated against the rendered pods' labels, as the cluster would.
/// </summary>
public sealed class NetworkPolicyTests
{
    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void The_tool_servers_and_Redis_are_reachable_only_from_the_gateway(string overlay)
    {
        var rendering = Kustomize.Overlay(overlay);
        var labels = rendering.Pods.ToDictionary(pod => pod.Name, pod => pod.Pod.Strings("metadata", "labels"));
        var policies = rendering.OfKind("NetworkPolicy").ToList();
        foreach (var (target, monitoring) in new[] { ("jira", true), ("db", true), ("redis", false) })
        {
            var selecting = policies.Where(policy => Selects(policy.At("spec", "podSelector"), labels[target])).ToList();
            Assert.True(selecting.Count > 0, $"no NetworkPolicy selects {target}");
            foreach (var policy in selecting)
            {
                var name = policy.Text("metadata", "name");
                Assert.Contains("Ingress", policy.Items("spec", "policyTypes"));
                foreach (var rule in policy.Items("spec", "ingress"))
                {
                    var peers = rule.Items("from");
                    Assert.True(peers.Count > 0, $"{name}: a rule without `from` lets everyone reach {target}");
                    Assert.NotEmpty(rule.Items("ports"));
                    foreach (var peer in peers)
                    {
                        Assert.Null(peer.At("ipBlock"));
                        if (peer.At("namespaceSelector") is { } namespaces)
                        {
                            Assert.True(monitoring, $"{name}: {target} is reachable from another namespace");
                            Assert.Null(peer.At("podSelector"));
                            Assert.Equal(new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "monitoring" },
                                namespaces.Strings("matchLabels"));
                            continue;
                        }

                        // Gateway pods, and no other pod of the deployment.
                        var reached = labels.Where(pod => Selects(peer.At("podSelector"), pod.Value)).Select(pod => pod.Key);
                        Assert.Equal(["gateway"], reached);
                    }
                }
            }
        }
    }

    [Fact]
    public void The_selector_evaluation_tells_the_gateway_from_the_others()
    {
        var selector = Yaml.Parse("matchExpressions: [{key: app.kubernetes.io/name, operator: In, values: [jira, db]}]");
        Assert.True(Selects(selector, new Dictionary<string, string> { ["app.kubernetes.io/name"] = "db" }));
        Assert.False(Selects(selector, new Dictionary<string, string> { ["app.kubernetes.io/name"] = "gateway" }));
        Assert.True(Selects(Yaml.Parse("{}"), new Dictionary<string, string> { ["app.kubernetes.io/name"] = "gateway" }));
    }

    /// <summary>A label selector as the API server applies it; an empty one selects every pod.</summary>
    private static bool Selects(object? selector, IReadOnlyDictionary<string, string> labels) =>
        selector.Strings("matchLabels").All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value)
        && selector.Items("matchExpressions").All(expression =>
        {
            var has = labels.TryGetValue(expression.Text("key")!, out var value);
            var values = expression.Items("values").Cast<string>().ToList();
            return expression.Text("operator") switch
            {
                "In" => has && values.Contains(value!),
                "NotIn" => !has || !values.Contains(value!),
                "Exists" => has,
                "DoesNotExist" => !has,
                var other => throw new Xunit.Sdk.XunitException($"unknown selector operator {other}"),
            };
        });
}
