using EnterpriseMcp.Gateway.Tests.Infrastructure;

namespace EnterpriseMcp.Gateway.Tests.Resilience;

/// <summary>Each backend's state shows on /health's details and in /metrics.</summary>
public sealed class BackendHealthTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_and_metrics_show_each_backend_up_or_down()
    {
        await using var backend = await RecordingBackend.StartAsync();
        var settings = TestBackends.Settings(("rec", backend.McpUrl), ("gone", "http://127.0.0.1:9/mcp"));
        settings["Gateway:Backends:gone:FailureThreshold"] = "1";
        await using var gateway = await GatewayHost.StartAsync(settings);
        var details = await gateway.BackendsAsync();
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var metrics = await http.GetStringAsync("/metrics", Token);

        Assert.Equal("Degraded", (string?)details["status"]);
        Assert.Equal("up", (string?)details["data"]!["rec"]);
        Assert.Equal("circuit open: the connection was refused.", (string?)details["data"]!["gone"]);
        Assert.Matches("""(?m)^mcp_gateway_backend_up[a-z_]*\{[^}]*mcp_gateway_backend="rec"[^}]*\} 1$""", metrics);
        Assert.Matches("""(?m)^mcp_gateway_backend_up[a-z_]*\{[^}]*mcp_gateway_backend="gone"[^}]*\} 0$""", metrics);
        Assert.Matches("""(?m)^mcp_gateway_backend_circuit_state[a-z_]*\{[^}]*mcp_gateway_backend="gone"[^}]*\} 1$""", metrics);
    }
}
