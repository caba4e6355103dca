namespace EnterpriseMcp.Deploy.Tests.Kubernetes;

/// <summary>The gateway's pods, their scaling, and the settings that tie it to the tool servers, Redis and the IdP.</summary>
public sealed class GatewayTests
{
    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void The_gateway_is_probed_on_health_and_alive_and_listens_on_8080(string overlay)
    {
        var container = Gateway(Kustomize.Overlay(overlay)).Items("spec", "template", "spec", "containers").Single();
        Assert.Equal("8080", container.Text("ports", 0, "containerPort"));
        Assert.Equal("http", container.Text("ports", 0, "name"));
        Assert.Equal("/health", container.Text("readinessProbe", "httpGet", "path"));
        Assert.Equal("/alive", container.Text("livenessProbe", "httpGet", "path"));
        Assert.Equal("http", container.Text("readinessProbe", "httpGet", "port"));
        Assert.Equal("http", container.Text("livenessProbe", "httpGet", "port"));
    }

    [Fact]
    public void Production_runs_three_replicas_with_a_disruption_budget_and_scales_on_CPU_and_sessions_up_to_20()
    {
        var rendering = Kustomize.Overlay("production");
        Assert.Equal("3", Gateway(rendering).Text("spec", "replicas"));

        var budget = rendering.OfKind("PodDisruptionBudget").Single();
        Assert.Equal("gateway", budget.Text("spec", "selector", "matchLabels", "app.kubernetes.io/name"));
        Assert.True(budget.Text("spec", "maxUnavailable") == "1" || int.Parse(budget.Text("spec", "minAvailable") ?? "0") >= 2,
            "the PDB must keep at least 2 of 3 replicas");

        var autoscaler = rendering.OfKind("HorizontalPodAutoscaler").Single();
        Assert.Equal("autoscaling/v2", autoscaler.Text("apiVersion"));
        Assert.Equal("Deployment", autoscaler.Text("spec", "scaleTargetRef", "kind"));
        Assert.Equal("gateway", autoscaler.Text("spec", "scaleTargetRef", "name"));
        Assert.Equal("3", autoscaler.Text("spec", "minReplicas"));
        Assert.Equal("20", autoscaler.Text("spec", "maxReplicas"));
        var metrics = autoscaler.Items("spec", "metrics");
        Assert.Contains(metrics, metric => metric.Text("type") == "Resource" && metric.Text("resource", "name") == "cpu"
            && metric.Text("resource", "target", "type") == "Utilization");
        Assert.Contains(metrics, metric => metric.Text("type") == "Pods" && metric.Text("pods", "metric", "name") == "mcp_active_sessions"
            && metric.Text("pods", "target", "type") == "AverageValue" && metric.Text("pods", "target", "averageValue") is not null);
    }

    [Fact]
    public void Production_will_not_start_a_gateway_without_PostgreSQL_for_the_audit_log_and_API_keys()
    {
        var container = Gateway(Kustomize.Overlay("production")).At("spec", "template", "spec", "containers", 0);
        foreach (var variable in new[] { "ConnectionStrings__audit", "ConnectionStrings__apikeys" })
        {
            var reference = container.Items("env").Single(item => item.Text("name") == variable).At("valueFrom", "secretKeyRef");
            Assert.Equal("gateway-secrets", reference.Text("name"));
            Assert.Equal("false", reference.Text("optional"));
        }
    }

    [Fact]
    public void Development_runs_one_replica_without_autoscaler_nor_disruption_budget()
    {
        var rendering = Kustomize.Overlay("development");
        Assert.Equal("1", Gateway(rendering).Text("spec", "replicas"));
        Assert.Empty(rendering.OfKind("HorizontalPodAutoscaler"));
        Assert.Empty(rendering.OfKind("PodDisruptionBudget"));
    }

    /// <summary>As the AppHost wires them: each backend by its Service, asked for tokens of the audience it accepts.</summary>
    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Each_backend_is_reached_by_its_Service_with_the_audience_its_server_accepts(string overlay)
    {
        var rendering = Kustomize.Overlay(overlay);
        var gateway = rendering.Environment(Gateway(rendering).At("spec", "template", "spec", "containers", 0));
        var backends = gateway.Keys.Where(key => key.StartsWith("Gateway__Backends__") && key.EndsWith("__Url"))
            .Select(key => key.Split("__")[2]).ToList();
        Assert.Equal(["db", "jira"], backends.Order());
        foreach (var backend in backends)
        {
            Assert.Equal($"http://{backend}/mcp", gateway[$"Gateway__Backends__{backend}__Url"]);
            var service = rendering.Get("Service", backend);
            Assert.Equal("80", service.Text("spec", "ports", 0, "port"));
            var server = rendering.Pods.Single(pod => pod.Pod.Text("metadata", "labels", "app.kubernetes.io/name") == backend);
            Assert.Equal(service.Text("spec", "selector", "app.kubernetes.io/name"), backend);
            var environment = rendering.Environment(server.Pod.At("spec", "containers", 0));
            Assert.Equal(environment["Mcp__Auth__Resource"], gateway[$"Gateway__Backends__{backend}__Audience"]);
            Assert.Equal(gateway["Gateway__Identity__ClientId"], environment["Mcp__Auth__AcceptedClients__0"]);
            Assert.Equal(gateway["Mcp__Auth__Authority"], environment["Mcp__Auth__Authority"]);
        }

        Assert.StartsWith("http", gateway["Mcp__Auth__Resource"]);
        Assert.Equal("redis:6379", gateway["ConnectionStrings__redis"]);
        Assert.Equal("6379", rendering.Get("Service", "redis").Text("spec", "ports", 0, "port"));
    }

    [Theory]
    [InlineData("production", "enterprise-mcp/gateway:1.0.0")]
    [InlineData("development", "enterprise-mcp/gateway:latest")]
    public void The_image_is_named_and_tagged_through_kustomize(string overlay, string image) =>
        Assert.Equal(image, Gateway(Kustomize.Overlay(overlay)).Text("spec", "template", "spec", "containers", 0, "image"));

    private static object Gateway(Rendering rendering) => rendering.Get("Deployment", "gateway");
}
