using EnterpriseMcp.Gateway.Tests.Relaying;

namespace EnterpriseMcp.Gateway.Tests.Routing;

/// <summary>
/// The gateway sends log notifications in both generations, so both declare <c>logging</c>: server/discover
/// (2026-07-28) as well as the initialize result. Clients act only on what is declared.
/// </summary>
public sealed class DeclaredCapabilityTests(BridgedGateways gateways) : IClassFixture<BridgedGateways>
{
    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2026-07-28")]
    public async Task Logging_is_declared_to_a_client_of_either_generation(string protocolVersion)
    {
        var client = await gateways.To2026Backend.ConnectAsync(protocolVersion);

        Assert.Equal(protocolVersion, client.NegotiatedProtocolVersion);
        Assert.NotNull(client.ServerCapabilities.Logging);
    }
}
