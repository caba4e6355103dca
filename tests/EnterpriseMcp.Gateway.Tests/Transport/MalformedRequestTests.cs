using EnterpriseMcp.Gateway.Tests.Infrastructure;
using EnterpriseMcp.Tools.Testing;

namespace EnterpriseMcp.Gateway.Tests.Transport;

/// <summary>The gateway answers malformed requests as its hosting layer does: a JSON-RPC error, never a 5xx.</summary>
public sealed class MalformedRequestTests
{
    [Fact]
    public async Task EveryMalformedRequest_Gets4xxJsonRpcError_AndTheGatewayStillServes()
    {
        await using var backend = await TestBackends.StartFixtureAsync();
        await using var gateway = await GatewayHost.StartAsync(TestBackends.Settings(("fixture", backend.McpUrl())));

        await MalformedMcpRequests.AssertNoServerFaultsAsync(gateway.BaseAddress);
    }
}
