using System.Text.Json.Nodes;

namespace EnterpriseMcp.Deploy.Tests.Azure;

/// <summary>What the compiled template makes of the three apps: who is reachable from where, how they scale, how they are checked.</summary>
public sealed class ContainerAppsTests
{
    private static JsonObject ServiceTemplate => AzureTemplate.Template(AzureTemplate.Module(AzureTemplate.Resources, "gateway"));

    private static JsonObject ContainerApp => AzureTemplate.ResourceOfType(ServiceTemplate, "Microsoft.App/containerApps");

    [Theory]
    [InlineData("jira")]
    [InlineData("db")]
    public void Tool_servers_are_reachable_only_inside_the_environment(string module)
    {
        var deployment = AzureTemplate.Module(AzureTemplate.Resources, module);

        Assert.False(AzureTemplate.Parameter(deployment, "external")!.GetValue<bool>());
        // The module's ingress follows that parameter, and nothing else makes an app public.
        Assert.Equal("[parameters('external')]", (string?)ContainerApp["properties"]!["configuration"]!["ingress"]!["external"]);
    }

    [Fact]
    public void Gateway_is_the_one_external_app()
    {
        var external = new[] { "gateway", "jira", "db" }
            .Where(module => AzureTemplate.Parameter(AzureTemplate.Module(AzureTemplate.Resources, module), "external")!.GetValue<bool>());

        Assert.Equal(["gateway"], external);
        Assert.False(ContainerApp["properties"]!["configuration"]!["ingress"]!["allowInsecure"]!.GetValue<bool>());
    }

    [Fact]
    public void Gateway_scales_between_two_and_ten_replicas_on_concurrent_requests()
    {
        var main = AzureTemplate.Main["parameters"]!;
        var gateway = AzureTemplate.Module(AzureTemplate.Resources, "gateway");
        var scale = ContainerApp["properties"]!["template"]!["scale"]!;

        Assert.Equal(2, main["gatewayMinReplicas"]!["defaultValue"]!.GetValue<int>());
        Assert.Equal(10, main["gatewayMaxReplicas"]!["defaultValue"]!.GetValue<int>());
        Assert.Equal("[parameters('gatewayMinReplicas')]", (string?)AzureTemplate.Parameter(gateway, "minReplicas"));
        Assert.Equal("[parameters('gatewayMaxReplicas')]", (string?)AzureTemplate.Parameter(gateway, "maxReplicas"));
        Assert.Equal("[parameters('minReplicas')]", (string?)scale["minReplicas"]);
        Assert.Equal("[parameters('maxReplicas')]", (string?)scale["maxReplicas"]);
        var rule = Assert.Single(AzureTemplate.Parameter(gateway, "scaleRules")!.AsArray())!;
        Assert.NotNull(rule["http"]!["metadata"]!["concurrentRequests"]);
    }

    [Fact]
    public void Apps_are_probed_on_health_for_readiness_and_alive_for_liveness()
    {
        var probes = ServiceTemplate["variables"]!["serviceProbes"]!.AsArray()
            .ToDictionary(probe => (string)probe!["type"]!, probe => (string)probe!["httpGet"]!["path"]!);
        var container = ContainerApp["properties"]!["template"]!["containers"]![0]!;

        Assert.Equal("/health", probes["Readiness"]);
        Assert.Equal("/alive", probes["Liveness"]);
        // Only the placeholder image, before the first `azd deploy`, goes without them.
        Assert.Equal("[if(variables('placeholder'), createArray(), variables('serviceProbes'))]", (string?)container["probes"]);
    }

    [Fact]
    public void Apps_run_as_the_user_assigned_identity_and_pull_with_it()
    {
        var identity = ContainerApp["identity"]!;
        var registry = Assert.Single(ContainerApp["properties"]!["configuration"]!["registries"]!.AsArray())!;

        Assert.Equal("UserAssigned", (string?)identity["type"]);
        Assert.Contains("parameters('identityId')", identity["userAssignedIdentities"]!.AsObject().Single().Key);
        Assert.Equal("[parameters('identityId')]", (string?)registry["identity"]);
        var registryTemplate = AzureTemplate.Template(AzureTemplate.Module(AzureTemplate.Resources, "registry"));
        var pull = AzureTemplate.ResourceOfType(registryTemplate, "Microsoft.Authorization/roleAssignments");
        Assert.Contains("7f951dda-4ed3-4680-a7ca-43fe172d538f", AzureTemplate.Resolve(registryTemplate, pull["properties"]!["roleDefinitionId"]));
    }

    [Fact]
    public void Gateway_reaches_the_tool_servers_at_their_internal_addresses()
    {
        var environment = AzureTemplate.Environment("gateway");

        Assert.Contains(".internal.", (string?)environment["Gateway__Backends__jira__Url"]["value"]);
        Assert.Contains(".internal.", (string?)environment["Gateway__Backends__db__Url"]["value"]);
    }

    [Theory]
    [InlineData("jira")]
    [InlineData("db")]
    public void Tool_servers_accept_only_the_gateways_tokens(string module)
    {
        var environment = AzureTemplate.Environment(module);

        Assert.Equal("[parameters('gatewayClientId')]", (string?)environment["Mcp__Auth__AcceptedClients__0"]["value"]);
        Assert.Equal("[parameters('identityAuthority')]", (string?)environment["Mcp__Auth__Authority"]["value"]);
    }

    [Fact]
    public void Environment_sends_traces_and_logs_to_application_insights()
    {
        var environment = AzureTemplate.ResourceOfType(AzureTemplate.Template(AzureTemplate.Module(AzureTemplate.Resources, "environment")),
            "Microsoft.App/managedEnvironments")["properties"]!;

        Assert.Equal("appInsights", (string?)environment["openTelemetryConfiguration"]!["tracesConfiguration"]!["destinations"]![0]);
        Assert.Equal("appInsights", (string?)environment["openTelemetryConfiguration"]!["logsConfiguration"]!["destinations"]![0]);
        Assert.Contains("ConnectionString", (string?)environment["appInsightsConfiguration"]!["connectionString"]);
        Assert.Equal("log-analytics", (string?)environment["appLogsConfiguration"]!["destination"]);
    }
}
