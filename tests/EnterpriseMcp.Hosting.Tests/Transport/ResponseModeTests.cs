using System.Net;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using EnterpriseMcp.Hosting.Tests.Session;

namespace EnterpriseMcp.Hosting.Tests.Transport;

public sealed class ResponseModeTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ByDefault_RequestIsAnsweredOverAnUnbufferedUncachedEventStream()
    {
        await using var server = await McpTestServer.StartAsync();
        var sessionId = await SessionRequests.OpenAsync(server);

        using var response = await server.Client.SendAsync(SessionRequests.ToolsList(sessionId), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["no"], response.Headers.GetValues("X-Accel-Buffering"));
        Assert.True(response.Headers.CacheControl?.NoCache, "Cache-Control must include no-cache.");
        var answer = await McpResponses.ReadAnswerAsync(response);
        Assert.NotNull(answer["result"]?["tools"]);
    }

    [Fact]
    public async Task JsonMode_AnswersWithTheSingleJsonRpcResponse()
    {
        await using var server = await McpTestServer.StartAsync(new Dictionary<string, string?> { ["Mcp:Http:ResponseMode"] = "Json" });
        var sessionId = await SessionRequests.OpenAsync(server);

        // Progress notifications have no place in a JSON answer; only the response may come.
        using var response = await server.Client.SendAsync(
            SessionRequests.CallTool(sessionId, "test_tool_with_progress", progressToken: "p1", id: 7), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await McpResponses.ReadJsonAsync(response);
        Assert.Equal(7, body["id"]?.GetValue<int>());
        Assert.Null(body["method"]);
        Assert.Equal("Progress tool completed", body["result"]?["content"]?[0]?["text"]?.GetValue<string>());
    }

    [Fact]
    public async Task JsonMode_InitializeStillIssuesASession()
    {
        await using var server = await McpTestServer.StartAsync(new Dictionary<string, string?> { ["Mcp:Http:ResponseMode"] = "Json" });

        using var response = await server.Client.SendAsync(McpRequests.Post(McpRequests.Initialize(), McpRequests.Previous), Cancellation);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Single(response.Headers.GetValues("Mcp-Session-Id"));
        var body = await McpResponses.ReadJsonAsync(response);
        Assert.Equal(McpRequests.Previous, body["result"]?["protocolVersion"]?.GetValue<string>());
    }
}
