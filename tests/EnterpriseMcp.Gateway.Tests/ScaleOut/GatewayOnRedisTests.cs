using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace EnterpriseMcp.Gateway.Tests.ScaleOut;

/// <summary>The gateway with <c>ConnectionStrings:redis</c>: replicas share sessions, and Redis down degrades, never fails, it.</summary>
public sealed class GatewayOnRedisTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_2025_session_started_on_one_replica_is_served_by_another()
    {
        await using var gateways = await RedisGateways.StartAsync(2);
        var (first, second) = (gateways.Replicas[0], gateways.Replicas[1]);
        var client = await first.ConnectAsync("2025-11-25");

        using var http = new HttpClient();
        using var list = new HttpRequestMessage(HttpMethod.Post, second.Endpoint)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":7,"method":"tools/list"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        list.Headers.Accept.ParseAdd("application/json, text/event-stream");
        list.Headers.Add("Mcp-Session-Id", client.SessionId);
        list.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        var answer = await RawMcp.AnswerAsync(http, list);

        Assert.Contains(answer["result"]!["tools"]!.AsArray(), tool => (string?)tool!["name"] == "test_simple_text");
    }

    [Fact]
    public async Task Redis_down_makes_health_degraded_not_unhealthy_and_stateless_calls_go_on()
    {
        await using var gateways = await RedisGateways.StartAsync(1);
        var gateway = gateways.Replicas[0];

        await gateways.Redis.StopAsync();

        var (status, report) = await gateway.HealthAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", (string?)report["checks"]?["redis"]?["status"]);

        using var http = new HttpClient();
        var answer = await RawMcp.AnswerAsync(http, RawMcp.CallTool(gateway.Endpoint, "test_simple_text", new JsonObject(), token: null));
        Assert.NotNull(answer["result"]);

        await gateways.Redis.StartAsync();
        string? redis = null;
        for (var attempt = 0; attempt < 100 && redis != "Healthy"; attempt++)
        {
            await Task.Delay(100, Token);
            redis = (string?)(await gateway.HealthAsync()).Report["checks"]?["redis"]?["status"];
        }

        Assert.Equal("Healthy", redis);
    }
}
