using EnterpriseMcp.Gateway.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace EnterpriseMcp.Gateway.Tests.Resilience;

/// <summary>An open circuit is probed by the gateway itself and closes as soon as a probe succeeds.</summary>
public sealed class CircuitRecoveryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_restarted_backend_closes_its_circuit_by_the_gateways_own_probe_long_before_the_break_duration()
    {
        await using var jira = await TestBackends.StartJiraProcessAsync();
        var settings = TestBackends.Settings(("jira", jira.McpUrl));
        settings["Gateway:Backends:jira:FailureThreshold"] = "1";
        settings["Gateway:Backends:jira:BreakDuration"] = "00:10:00";
        settings["Gateway:Backends:jira:ProbeInterval"] = "00:00:00.200";
        await using var gateway = await GatewayHost.StartAsync(settings);
        var client = await gateway.ConnectAsync("2025-11-25");
        Assert.Contains("DEMO", (await client.CallToolAsync("jira__list_projects", cancellationToken: Token)).Text());

        jira.Kill();
        await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("jira__list_projects", cancellationToken: Token).AsTask());
        var open = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("jira__list_projects", cancellationToken: Token).AsTask());
        Assert.Contains("its circuit is open", open.Message);

        await jira.StartAsync();

        // No call of a client's is needed: the gateway's probe closes the circuit, and the break of 10 minutes is not waited out.
        Assert.True(await Eventually.TrueAsync(() => ListsJira(client), seconds: 30), "the circuit was not closed by a probe once the backend was back");
        Assert.Contains("DEMO", (await client.CallToolAsync("jira__list_projects", cancellationToken: Token)).Text());
    }

    private static async Task<bool> ListsJira(McpClient client) =>
        (await client.ListToolsAsync(cancellationToken: Token)).Any(tool => tool.Name == "jira__list_projects");
}
