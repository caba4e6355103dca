using System.Net;
using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using EnterpriseMcp.AppHost.Commands;
using EnterpriseMcp.AppHost.Model;
using EnterpriseMcp.AppHost.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.AppHost.Tests.System;

/// <summary>The system the AppHost describes, run by Aspire.Hosting.Testing, used as clients use it.</summary>
public sealed class RunningSystemTests(AspireSystem system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_resource_is_running_and_healthy_once_started()
    {
        foreach (var resource in AspireSystem.Resources)
        {
            var snapshot = system.Snapshot(resource);
            Assert.Equal(KnownResourceStates.Running, snapshot.State?.Text);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, snapshot.HealthStatus);
            Assert.True(system.ProcessId(resource) is > 0, $"{resource} has no process id");
        }
    }

    [Fact]
    public async Task Prometheus_scrapes_the_tool_servers_and_the_gateway_and_finds_them_up()
    {
        using var prometheus = new HttpClient { BaseAddress = system.App.GetEndpoint(ResourceNames.Prometheus, "http") };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        Dictionary<string, string> health = [];
        while (!deadline.IsCancellationRequested
               && !(health.Count == 3 && health.Values.All(state => state == "up")))
        {
            await Task.Delay(500, Token);
            var targets = JsonNode.Parse(await prometheus.GetStringAsync("/api/v1/targets?state=active", Token))!;
            health = targets["data"]!["activeTargets"]!.AsArray()
                .ToDictionary(target => target!["labels"]!["job"]!.GetValue<string>(), target => target!["health"]!.GetValue<string>());
        }

        Assert.Equal(new Dictionary<string, string> { ["db"] = "up", ["gateway"] = "up", ["jira"] = "up" }, health);
        // What it scraped is there to query: the gateway's own request metrics, by the resource the AppHost named.
        var query = JsonNode.Parse(await prometheus.GetStringAsync("/api/v1/query?query=up%7Bresource%3D%22gateway%22%7D", Token))!;
        Assert.Equal("1", query["data"]!["result"]![0]!["value"]![1]!.GetValue<string>());
        // And it evaluates the rules of deploy/prometheus, every one of them healthy.
        var rules = JsonNode.Parse(await prometheus.GetStringAsync("/api/v1/rules", Token))!["data"]!["groups"]!.AsArray()
            .Single(group => group!["name"]!.GetValue<string>() == "mcp-tools")!["rules"]!.AsArray();
        Assert.Contains(rules, rule => rule!["name"]!.GetValue<string>() == "McpBackendCircuitOpen");
        Assert.All(rules, rule => Assert.Equal("ok", rule!["health"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_client_with_nothing_but_the_gateway_URL_logs_in_and_calls_both_tool_servers()
    {
        await using var client = await McpClients.LoggingInAsync(system, "bob");

        var tools = (await client.ListToolsAsync(cancellationToken: Token)).Select(tool => tool.Name).ToList();
        Assert.Contains("jira__search_issues", tools);
        Assert.Contains("db__query", tools);
        Assert.DoesNotContain("db__execute", tools);

        var issues = await client.CallToolAsync("jira__search_issues", new Dictionary<string, object?> { ["jql"] = "project = DEMO AND status = \"In Progress\"" }, cancellationToken: Token);
        Assert.NotEqual(true, issues.IsError);
        Assert.Contains("DEMO-1", Text(issues));

        var rows = await client.CallToolAsync("db__query", new Dictionary<string, object?> { ["sql"] = "SELECT count(*) AS n FROM employees" }, cancellationToken: Token);
        Assert.NotEqual(true, rows.IsError);
        Assert.Equal(1, rows.StructuredContent?.GetProperty("row_count").GetInt32());
    }

    [Fact]
    public async Task Carol_does_not_see_jira_create_issue_and_calling_it_asks_for_jira_write()
    {
        var token = await system.LoginAsync("carol", cancellationToken: Token);
        await using var client = await McpClients.WithTokenAsync(system, token);

        var tools = (await client.ListToolsAsync(cancellationToken: Token)).Select(tool => tool.Name).ToList();
        Assert.Contains("jira__search_issues", tools);
        Assert.DoesNotContain("jira__create_issue", tools);

        using var http = new HttpClient();
        using var refused = await http.SendAsync(McpClients.RawCall(system.GatewayUrl, "jira__create_issue",
            new JsonObject { ["project"] = "DEMO", ["summary"] = "from carol" }, token), Token);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var challenge = refused.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"insufficient_scope\"", challenge);
        Assert.Contains("scope=\"jira.write\"", challenge);
    }

    [Fact]
    public async Task The_dashboards_token_command_gives_a_token_that_lists_the_users_tools()
    {
        var gateway = system.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(resource => resource.Name == ResourceNames.Gateway);

        var result = await system.App.Services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync(gateway, DevelopmentTokenCommands.Name("carol"), Token);

        Assert.True(result.Success, result.Message);
        Assert.Contains("carol's access token for", result.Message);
        await using var client = await McpClients.WithTokenAsync(system, result.Data!.Value);
        var tools = (await client.ListToolsAsync(cancellationToken: Token)).Select(tool => tool.Name).ToList();
        Assert.Contains("jira__search_issues", tools);
        Assert.DoesNotContain("jira__create_issue", tools);
    }

    [Fact]
    public async Task A_tool_server_that_crashes_is_restarted_and_served_again_through_the_gateway()
    {
        var before = system.ProcessId(ResourceNames.Jira) ?? throw new InvalidOperationException("jira has no process");

        global::System.Diagnostics.Process.GetProcessById(before).Kill();

        Assert.True(await Eventually(() => Task.FromResult(system.ProcessId(ResourceNames.Jira) is { } now && now != before
                                                             && system.Snapshot(ResourceNames.Jira).HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy), seconds: 90),
            $"jira was not restarted: {system.Snapshot(ResourceNames.Jira).State?.Text}, exit code {system.Snapshot(ResourceNames.Jira).ExitCode}");

        var token = await system.LoginAsync("bob", cancellationToken: Token);
        await using var client = await McpClients.WithTokenAsync(system, token);
        // The gateway's circuit to Jira opened while it was down; a probe closes it once the break is over.
        Assert.True(await Eventually(async () => await SucceedsAsync(client, "jira__get_issue", new() { ["key"] = "DEMO-1" }), seconds: 60),
            "jira__get_issue kept failing after the restart");
    }

    /// <summary>Whether a call succeeds now; an open circuit answers with a JSON-RPC error until its next probe.</summary>
    private static async Task<bool> SucceedsAsync(ModelContextProtocol.Client.McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        try
        {
            return (await client.CallToolAsync(tool, arguments, cancellationToken: Token)).IsError is not true;
        }
        catch (ModelContextProtocol.McpProtocolException)
        {
            return false;
        }
    }

    private static string Text(CallToolResult result) =>
        string.Join('\n', result.Content.OfType<TextContentBlock>().Select(block => block.Text));

    private static async Task<bool> Eventually(Func<Task<bool>> condition, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(250, Token);
        }

        return true;
    }
}
