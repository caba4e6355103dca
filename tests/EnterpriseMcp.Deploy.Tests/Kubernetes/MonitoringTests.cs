using System.Text;
using System.Text.RegularExpressions;

namespace EnterpriseMcp.Deploy.Tests.Kubernetes;

/// <summary>
/// The Prometheus Operator's objects (checked by hand: no schema for them offline) and the Prometheus adapter's rule the
/// HPA depends on.
/// </summary>
public sealed class MonitoringTests
{
    private static readonly string Regenerate = "deploy/kubernetes/README.md, \"The Prometheus rules\", has the command that writes it again.";

    [Fact]
    public void The_PrometheusRules_file_is_the_rule_files_as_the_README_s_command_writes_them()
    {
        var expected = new StringBuilder();
        expected.Append("# Generated from deploy/prometheus/rules/*.yml, one PrometheusRule per file, with the command in ../README.md; a test\n")
            .Append("# checks that their groups are the files' groups. Edit the rule files, not this.\n");
        foreach (var file in RuleFiles())
        {
            expected.Append($"---\napiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: {RuleName(file)}\nspec:\n");
            foreach (var line in File.ReadAllText(file).Split('\n').SkipLast(1))
            {
                expected.Append(line.Length > 0 ? "  " + line : line).Append('\n');
            }
        }

        var actual = File.ReadAllText(RepositoryFolder.PathOf("deploy", "kubernetes", "base", "prometheus-rules.yaml"));
        Assert.True(expected.ToString() == actual, $"base/prometheus-rules.yaml is not the rule files as they are now. {Regenerate}");
    }

    /// <summary>
    /// kustomize's YAML library reads a line break before a more-indented line of a folded scalar (the rule files'
    /// `expr: >`) as two, unlike the YAML spec and YamlDotNet; Prometheus's own reader does the same, and PromQL takes
    /// line breaks as spaces. So the rendered rules are compared with runs of line breaks as one.
    /// </summary>
    [Fact]
    public void Each_rules_file_is_a_rendered_PrometheusRule_with_the_same_groups()
    {
        var rendering = Kustomize.Overlay("production");
        var files = RuleFiles();
        Assert.NotEmpty(files);
        Assert.Equal(files.Count, rendering.OfKind("PrometheusRule").Count());
        foreach (var file in files)
        {
            var name = RuleName(file);
            var rule = rendering.Find("PrometheusRule", name)
                ?? throw new Xunit.Sdk.XunitException($"No PrometheusRule {name} for {Path.GetFileName(file)}. {Regenerate}");
            Assert.Equal("monitoring.coreos.com/v1", rule.Text("apiVersion"));
            var groups = Yaml.Parse(File.ReadAllText(file)).At("groups");
            Assert.NotEmpty(groups.Items());
            Assert.True(LineBreaksAsOne(rule.At("spec", "groups")).SameAs(LineBreaksAsOne(groups)),
                $"PrometheusRule {name} differs from {Path.GetFileName(file)}. {Regenerate}");
            Assert.Equal(["groups"], rule.Strings("spec").Keys);
        }
    }

    [Fact]
    public void A_changed_rule_is_told_from_the_rendered_one()
    {
        var groups = Yaml.Parse(File.ReadAllText(RuleFiles()[0])).At("groups");
        var changed = Yaml.Parse(File.ReadAllText(RuleFiles()[0]).Replace("for: 5m", "for: 6m", StringComparison.Ordinal)).At("groups");
        Assert.False(LineBreaksAsOne(groups).SameAs(LineBreaksAsOne(changed)));
    }

    private static List<string> RuleFiles() =>
        [.. Directory.GetFiles(RepositoryFolder.PathOf("deploy", "prometheus", "rules"), "*.yml").Order(StringComparer.Ordinal)];

    private static string RuleName(string file) => Path.GetFileNameWithoutExtension(file).Replace('.', '-');

    private static object? LineBreaksAsOne(object? node) => node switch
    {
        Dictionary<object, object?> map => map.ToDictionary(entry => entry.Key, entry => LineBreaksAsOne(entry.Value)),
        List<object?> list => list.Select(LineBreaksAsOne).ToList(),
        string text => Regex.Replace(text, "\n+", "\n"),
        _ => node,
    };

    [Fact]
    public void The_ServiceMonitor_scrapes_every_service_on_its_http_port_every_15_seconds()
    {
        var rendering = Kustomize.Overlay("production");
        var monitor = rendering.OfKind("ServiceMonitor").Single();
        Assert.Equal("monitoring.coreos.com/v1", monitor.Text("apiVersion"));
        var endpoint = monitor.Items("spec", "endpoints").Single();
        Assert.Equal(("http", "/metrics", "15s"), (endpoint.Text("port"), endpoint.Text("path"), endpoint.Text("interval")));
        var scraped = monitor.Items("spec", "selector", "matchExpressions").Single().Items("values").Cast<string>().Order();
        Assert.Equal(["db", "gateway", "jira"], scraped);
        foreach (var service in scraped)
        {
            Assert.Equal("http", rendering.Get("Service", service).Text("spec", "ports", 0, "name"));
        }
    }

    /// <summary>The README's adapter rule is YAML and names the metric the HPA asks for.</summary>
    [Fact]
    public void The_README_s_Prometheus_adapter_rule_serves_the_metric_the_HPA_reads()
    {
        var readme = File.ReadAllText(RepositoryFolder.PathOf("deploy", "kubernetes", "README.md"));
        var block = readme.Split("```").Where((_, index) => index % 2 == 1).Single(block => block.Contains("seriesQuery"));
        var rules = Yaml.Parse(block[block.IndexOf('\n')..]).Items("rules");
        var metric = Kustomize.Overlay("production").OfKind("HorizontalPodAutoscaler").Single().Items("spec", "metrics")
            .Single(item => item.Text("type") == "Pods").Text("pods", "metric", "name")!;
        var rule = Assert.Single(rules);
        Assert.StartsWith(metric + "{", rule.Text("seriesQuery"));
        Assert.Equal(metric, rule.Text("name", "as"));
        Assert.Equal("pod", rule.Text("resources", "overrides", "pod", "resource"));
        Assert.Equal("namespace", rule.Text("resources", "overrides", "namespace", "resource"));
    }

    [Fact]
    public void The_Keycloak_realm_ConfigMap_holds_the_realm_file_as_it_is_and_development_s_Keycloak_imports_it()
    {
        var realm = File.ReadAllText(RepositoryFolder.PathOf("deploy", "keycloak", "enterprise-mcp-realm.json"));
        foreach (var overlay in Kustomize.Overlays.Select(row => row.Data))
        {
            Assert.Equal(realm, Kustomize.Overlay(overlay).ConfigMap("keycloak-realm").Text("data", "enterprise-mcp-realm.json"));
        }

        var development = Kustomize.Overlay("development");
        var pod = development.Get("Deployment", "keycloak").At("spec", "template", "spec");
        var volume = pod.Items("volumes").Single(item => item.Text("configMap", "name") == development.ConfigMap("keycloak-realm").Text("metadata", "name"));
        var mount = pod.Items("containers").Single().Items("volumeMounts").Single(item => item.Text("name") == volume.Text("name"));
        Assert.Equal("/opt/keycloak/data/import", mount.Text("mountPath"));
        Assert.Contains("--import-realm", pod.Items("containers").Single().Items("args"));
    }
}
