using EnterpriseMcp.Gateway.Tests.Infrastructure;
using ModelContextProtocol;

namespace EnterpriseMcp.Gateway.Tests.Resilience;

/// <summary>A backend that hangs (stopped, its connections open) is found by the gateway's own pings, not by callers waiting out their timeouts.</summary>
public sealed class HungBackendTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stopped_backend_is_found_by_ping_its_circuit_opens_and_health_says_why()
    {
        await using var jira = await TestBackends.StartJiraProcessAsync();
        var settings = TestBackends.Settings(("jira", jira.McpUrl));
        settings["Gateway:Backends:jira:FailureThreshold"] = "2";
        settings["Gateway:Backends:jira:ProbeInterval"] = "00:00:00.200";
        settings["Gateway:Backends:jira:ListTimeout"] = "00:00:02";
        await using var gateway = await GatewayHost.StartAsync(settings);
        var client = await gateway.ConnectAsync("2025-11-25");
        // A process just started may be slower than ListTimeout to list at first; the gateway keeps trying.
        Assert.True(await Eventually.TrueAsync(async () => await gateway.StateOfAsync("jira") == "up", seconds: 30), "the backend was never listed");
        Assert.Contains("DEMO", (await client.CallToolAsync("jira__list_projects", cancellationToken: Token)).Text());

        jira.Pause();
        try
        {
            Assert.True(await Eventually.TrueAsync(async () => (await gateway.StateOfAsync("jira")).StartsWith("circuit open", StringComparison.Ordinal), seconds: 30),
                $"the hung backend was not found; /health says '{await gateway.StateOfAsync("jira")}'");
            var health = await gateway.BackendsAsync();
            var call = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("jira__list_projects", cancellationToken: Token).AsTask());

            Assert.Equal("Degraded", (string?)health["status"]);
            Assert.Equal("circuit open: no answer within 2 s.", (string?)health["data"]!["jira"]);
            Assert.Contains("Backend 'jira' is unavailable: its circuit is open", call.Message);
        }
        finally
        {
            jira.Resume();
        }

        Assert.True(await Eventually.TrueAsync(async () => await gateway.StateOfAsync("jira") == "up", seconds: 30), "the resumed backend did not come back");
        Assert.Contains("DEMO", (await client.CallToolAsync("jira__list_projects", cancellationToken: Token)).Text());
    }
}
