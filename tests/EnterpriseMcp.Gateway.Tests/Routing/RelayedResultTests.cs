using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using EnterpriseMcp.Gateway.Tests.Relaying;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Tests.Routing;

/// <summary>
/// A relayed result is the gateway's answer: the client sees the gateway as its server, never the backend's
/// <c>serverInfo</c>, and a 2025 client sees nothing of 2026-07-28 (<c>resultType</c>) even when the backend speaks it.
/// </summary>
public sealed class RelayedResultTests(BridgedGateways gateways) : IClassFixture<BridgedGateways>
{
    private const string ServerInfoKey = "io.modelcontextprotocol/serverInfo";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RequestMethods.ToolsCall, "test_simple_text")]
    [InlineData(RequestMethods.PromptsGet, "test_simple_prompt")]
    public async Task A_2025_client_gets_no_backend_serverInfo_and_no_resultType_from_a_2026_backend(string method, string name)
    {
        var client = await gateways.To2026Backend.ConnectAsync("2025-11-25");

        var result = await ResultAsync(client, method, name);

        Assert.Null(result["resultType"]);
        Assert.Null((result["_meta"] as JsonObject)?[ServerInfoKey]);
        Assert.NotNull(result[method == RequestMethods.ToolsCall ? "content" : "messages"]);
    }

    [Theory]
    [InlineData(RequestMethods.ToolsCall, "test_simple_text")]
    [InlineData(RequestMethods.PromptsGet, "test_simple_prompt")]
    public async Task A_2026_client_gets_the_gateways_serverInfo_not_the_backends(string method, string name)
    {
        var client = await gateways.To2026Backend.ConnectAsync();

        var result = await ResultAsync(client, method, name);

        Assert.Equal("enterprise-mcp-gateway", result["_meta"]?[ServerInfoKey]?["name"]?.GetValue<string>());
        Assert.Equal("complete", result["resultType"]?.GetValue<string>());
    }

    private static async Task<JsonObject> ResultAsync(McpClient client, string method, string name)
    {
        var response = await client.SendRequestAsync(new JsonRpcRequest
        {
            Method = method,
            Params = new JsonObject { ["name"] = name, ["arguments"] = new JsonObject() },
        }, Token);
        return Assert.IsType<JsonObject>(response.Result);
    }
}
