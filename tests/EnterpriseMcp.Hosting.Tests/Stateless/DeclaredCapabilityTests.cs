using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Tests.Infrastructure;

namespace EnterpriseMcp.Hosting.Tests.Stateless;

/// <summary>
/// Clients use only what a server declares (Inspector refuses logging/setLevel, mcp-remote drops log
/// notifications): both generations must declare every capability the server uses.
/// </summary>
public sealed class DeclaredCapabilityTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServerDiscover_DeclaresLogging()
    {
        await using var server = await McpTestServer.StartAsync();

        var capabilities = await DiscoveredCapabilitiesAsync(server);

        Assert.IsType<JsonObject>(capabilities["logging"]);
    }

    [Fact]
    public async Task ServerDiscover_DeclaresEveryCapabilityTheInitializeResultDeclares()
    {
        await using var server = await McpTestServer.StartAsync();

        using var initialize = await server.Client.SendAsync(McpRequests.Post(McpRequests.Initialize()), Cancellation);
        var initialized = (await McpResponses.ReadAnswerAsync(initialize))["result"]?["capabilities"]?.AsObject();
        var discovered = await DiscoveredCapabilitiesAsync(server);

        Assert.NotNull(initialized);
        Assert.IsType<JsonObject>(initialized["logging"]);
        Assert.All(initialized, capability => Assert.True(discovered.ContainsKey(capability.Key), $"server/discover lacks '{capability.Key}'"));
    }

    private static async Task<JsonObject> DiscoveredCapabilitiesAsync(McpTestServer server)
    {
        using var response = await server.Client.SendAsync(McpRequests.Stateless("server/discover"), Cancellation);
        var capabilities = (await McpResponses.ReadAnswerAsync(response))["result"]?["capabilities"] as JsonObject;
        Assert.NotNull(capabilities);
        return capabilities;
    }
}
