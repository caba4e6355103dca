using System.Net;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using EnterpriseMcp.Hosting.Tests.Transport;

namespace EnterpriseMcp.Hosting.Tests.Session;

public sealed class StatelessModeTests
{
    private static readonly Dictionary<string, string?> Stateless = new() { ["Mcp:Http:SessionMode"] = "Stateless" };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Initialize_IssuesNoSessionId()
    {
        await using var server = await McpTestServer.StartAsync(Stateless);

        using var response = await server.Client.SendAsync(McpRequests.Post(McpRequests.Initialize(), McpRequests.Previous), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
        var answer = await McpResponses.ReadAnswerAsync(response);
        Assert.Equal(McpRequests.Previous, answer["result"]?["protocolVersion"]?.GetValue<string>());
    }

    [Fact]
    public async Task ToolsCall_WithoutSessionId_IsAnswered()
    {
        await using var server = await McpTestServer.StartAsync(Stateless);

        using var response = await server.Client.SendAsync(SessionRequests.CallTool(sessionId: null, "test_simple_text"), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
        var answer = await McpResponses.ReadAnswerAsync(response);
        Assert.Equal("text", answer["result"]?["content"]?[0]?["type"]?.GetValue<string>());
    }

    [Fact]
    public async Task Get_Gets405AllowingOnlyPost()
    {
        await using var server = await McpTestServer.StartAsync(Stateless);

        using var response = await server.Client.SendAsync(SessionRequests.Get(sessionId: null), Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Delete_Gets405AllowingOnlyPost()
    {
        await using var server = await McpTestServer.StartAsync(Stateless);

        using var response = await server.Client.SendAsync(SessionRequests.Delete("any-session-id-0123456789"), Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }
}
