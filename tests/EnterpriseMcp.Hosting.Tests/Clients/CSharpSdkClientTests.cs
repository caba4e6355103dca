using EnterpriseMcp.Hosting.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Tests.Clients;

/// <summary>The MCP C# SDK client against this endpoint, in both protocol generations.</summary>
public sealed class CSharpSdkClientTests
{
    private const string SimpleText = "This is a simple text response for testing.";

    [Fact]
    public async Task DefaultClient_NegotiatesTheStatelessRevisionAndCallsTools()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await McpTestServer.StartAsync();

        await using var client = await ConnectAsync(server, protocolVersion: null, ct);

        Assert.Equal(McpRequests.Latest, client.NegotiatedProtocolVersion);
        Assert.Null(client.SessionId);
        await AssertListsAndCallsToolsAsync(client, ct);
    }

    [Fact]
    public async Task DefaultClient_MirrorsHeaderParametersTheServerChecks()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await McpTestServer.StartAsync();
        await using var client = await ConnectAsync(server, protocolVersion: null, ct);

        // The client learns which arguments go into Mcp-Param-* headers from the listed input schemas.
        await client.ListToolsAsync(cancellationToken: ct);

        var result = await client.CallToolAsync("test_header_tool",
            new Dictionary<string, object?> { ["region"] = "eu-west-1", ["query"] = "select 1" }, cancellationToken: ct);

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("Executed in region eu-west-1: select 1", TextOf(result));
    }

    [Fact]
    public async Task ClientPinnedToA2025Revision_GetsASessionAndCallsTools()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await McpTestServer.StartAsync();

        await using var client = await ConnectAsync(server, McpRequests.Previous, ct);

        Assert.Equal(McpRequests.Previous, client.NegotiatedProtocolVersion);
        Assert.False(string.IsNullOrEmpty(client.SessionId));
        await AssertListsAndCallsToolsAsync(client, ct);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(McpRequests.Previous)]
    public async Task Client_IsServedAsTheUserItAuthenticatedAs(string? protocolVersion)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await McpTestServer.StartAsync();

        await using var client = await ConnectAsync(server, protocolVersion, ct, user: "alice");

        Assert.Equal("alice", TextOf(await client.CallToolAsync("whoami", cancellationToken: ct)));
    }

    private static async Task AssertListsAndCallsToolsAsync(McpClient client, CancellationToken ct)
    {
        var tools = await client.ListToolsAsync(cancellationToken: ct);
        Assert.Contains(tools, tool => tool.Name == "test_simple_text");

        Assert.Equal(SimpleText, TextOf(await client.CallToolAsync("test_simple_text", cancellationToken: ct)));

        var echoed = await client.CallToolAsync("slow_echo",
            new Dictionary<string, object?> { ["text"] = "echo me", ["delayMs"] = 0 }, cancellationToken: ct);
        Assert.Equal("echo me", TextOf(echoed));
    }

    private static Task<McpClient> ConnectAsync(McpTestServer server, string? protocolVersion, CancellationToken ct, string? user = null)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = server.Endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = user is null ? null : new Dictionary<string, string> { [TestUserAuthentication.Header] = user },
        });
        var options = new McpClientOptions
        {
            ProtocolVersion = protocolVersion,
            // Bounds only the server/discover probe; a slow test machine must not push the client to initialize.
            DiscoverProbeTimeout = TimeSpan.FromSeconds(20),
            InitializationTimeout = TimeSpan.FromSeconds(30),
        };
        return McpClient.CreateAsync(transport, options, cancellationToken: ct);
    }

    private static string? TextOf(CallToolResult result) => result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text;
}
