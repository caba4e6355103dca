using System.Net.Http.Headers;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace EnterpriseMcp.Gateway.Tests.Relaying;

/// <summary>The gateway calls backends as its own client: on pooled connections, never with the caller's credentials.</summary>
public sealed class BackendConnectionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData(null)]
    public async Task Calls_reuse_pooled_connections_and_never_carry_the_clients_authorization(string? protocolVersion)
    {
        await using var backend = await RecordingBackend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(TestBackends.Settings(("rec", backend.McpUrl)));
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "the-clients-own-token");
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = gateway.Endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
        }, http), new McpClientOptions { ProtocolVersion = protocolVersion }, cancellationToken: Token);
        var connectionsBefore = backend.RequestsByConnection.Count;

        for (var call = 0; call < 50; call++)
        {
            Assert.Equal($"call {call}", (await client.CallToolAsync("rec__echo",
                new Dictionary<string, object?> { ["text"] = $"call {call}" }, cancellationToken: Token)).Text());
        }

        Assert.Empty(backend.AuthorizationHeaders);
        // Sequential calls need one connection; the listening GET stream holds one more. Never one per call.
        Assert.True(backend.RequestsByConnection.Count - connectionsBefore <= 2,
            $"{backend.RequestsByConnection.Count - connectionsBefore} new connections for 50 calls");
    }
}
