using System.Net;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using EnterpriseMcp.Hosting.Tests.Transport;

namespace EnterpriseMcp.Hosting.Tests.Session;

public sealed class SessionLifecycleTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Initialize_IssuesAVisibleAsciiSessionIdOfAtLeast22Characters_DifferentEachTime()
    {
        await using var server = await McpTestServer.StartAsync();

        var first = await SessionRequests.OpenAsync(server);
        var second = await SessionRequests.OpenAsync(server);

        foreach (var id in new[] { first, second })
        {
            Assert.True(id.Length >= 22, $"Session id '{id}' is shorter than 22 characters.");
            Assert.All(id, c => Assert.InRange(c, '\x21', '\x7E'));
        }

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task InitializedNotification_IsAcceptedWith202AndNoBody()
    {
        await using var server = await McpTestServer.StartAsync();
        using var initialize = await server.Client.SendAsync(McpRequests.Post(McpRequests.Initialize(), McpRequests.Previous), Cancellation);
        var sessionId = initialize.Headers.GetValues("Mcp-Session-Id").Single();

        using var response = await server.Client.SendAsync(
            McpRequests.Post(McpRequests.Initialized, McpRequests.Previous, sessionId), Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Cancellation));
    }

    [Fact]
    public async Task ToolsList_InTheSession_IsAnswered()
    {
        await using var server = await McpTestServer.StartAsync();
        var sessionId = await SessionRequests.OpenAsync(server);

        using var response = await server.Client.SendAsync(SessionRequests.ToolsList(sessionId), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await McpResponses.ReadAnswerAsync(response);
        Assert.Contains(answer["result"]!["tools"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "test_simple_text");
    }

    [Fact]
    public async Task RequestOtherThanInitialize_WithoutSessionId_Gets400()
    {
        await using var server = await McpTestServer.StartAsync();

        using var response = await server.Client.SendAsync(SessionRequests.ToolsList(sessionId: null), Cancellation);

        var body = await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(2, body["id"]?.GetValue<int>());
    }

    [Fact]
    public async Task UnknownSessionId_Gets404WithSessionNotFoundCode()
    {
        await using var server = await McpTestServer.StartAsync();

        using var response = await server.Client.SendAsync(SessionRequests.ToolsList("no-such-session-0123456789"), Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.NotFound, -32001);
    }

    [Fact]
    public async Task Delete_EndsTheSession_SoPostGetAndDeleteNamingItGet404()
    {
        await using var server = await McpTestServer.StartAsync();
        var sessionId = await SessionRequests.OpenAsync(server);

        using var deleted = await server.Client.SendAsync(SessionRequests.Delete(sessionId), Cancellation);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);

        using var post = await server.Client.SendAsync(SessionRequests.ToolsList(sessionId), Cancellation);
        await JsonRpcErrorAssert.IsErrorAsync(post, HttpStatusCode.NotFound, -32001);
        using var get = await server.Client.SendAsync(SessionRequests.Get(sessionId), HttpCompletionOption.ResponseHeadersRead, Cancellation);
        await JsonRpcErrorAssert.IsErrorAsync(get, HttpStatusCode.NotFound, -32001);
        using var deleteAgain = await server.Client.SendAsync(SessionRequests.Delete(sessionId), Cancellation);
        await JsonRpcErrorAssert.IsErrorAsync(deleteAgain, HttpStatusCode.NotFound, -32001);
    }

    [Fact]
    public async Task Delete_WithoutSessionId_Gets400()
    {
        await using var server = await McpTestServer.StartAsync();

        using var response = await server.Client.SendAsync(SessionRequests.Delete(sessionId: null), Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest);
    }
}
