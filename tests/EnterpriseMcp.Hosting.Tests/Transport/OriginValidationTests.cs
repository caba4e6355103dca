using System.Net;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using EnterpriseMcp.Hosting.Tests.Session;

namespace EnterpriseMcp.Hosting.Tests.Transport;

public sealed class OriginValidationTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task ForeignOrigin_Gets403(string method)
    {
        await using var server = await McpTestServer.StartAsync();
        var sessionId = await SessionRequests.OpenAsync(server);
        using var request = method switch
        {
            "POST" => SessionRequests.ToolsList(sessionId),
            "GET" => SessionRequests.Get(sessionId),
            _ => SessionRequests.Delete(sessionId),
        };
        request.Headers.Add("Origin", "http://evil.example.com");

        using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ForeignHost_Gets403()
    {
        await using var server = await McpTestServer.StartAsync();

        using var response = await server.Client.SendAsync(Initialize(host: "evil.example.com"), Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("http://localhost:1234")]
    [InlineData("http://127.0.0.1:5173")]
    public async Task LoopbackOrigin_IsAllowed(string origin)
    {
        await using var server = await McpTestServer.StartAsync();

        using var response = await server.Client.SendAsync(Initialize(origin), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ConfiguredOrigin_IsAllowed_AndOthersAreRefused()
    {
        await using var server = await McpTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Mcp:Http:AllowedOrigins:0"] = "https://app.example.com",
        });

        using var allowed = await server.Client.SendAsync(Initialize("https://app.example.com"), Cancellation);
        using var refused = await server.Client.SendAsync(Initialize("https://other.example.com"), Cancellation);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await JsonRpcErrorAssert.IsErrorAsync(refused, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ConfiguredHost_IsAllowed_AndLoopbackNamesNoLonger()
    {
        await using var server = await McpTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Mcp:Http:AllowedHosts:0"] = "mcp.example.com",
        });

        using var allowed = await server.Client.SendAsync(Initialize(host: "mcp.example.com"), Cancellation);
        using var refused = await server.Client.SendAsync(Initialize(host: "localhost"), Cancellation);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await JsonRpcErrorAssert.IsErrorAsync(refused, HttpStatusCode.Forbidden);
    }

    private static HttpRequestMessage Initialize(string? origin = null, string? host = null)
    {
        var request = McpRequests.Post(McpRequests.Initialize(), McpRequests.Previous);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        return request;
    }
}
