using System.Net;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using EnterpriseMcp.Hosting.Tests.Session;

namespace EnterpriseMcp.Hosting.Tests.Transport;

public sealed class GetStreamTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetNotAcceptingEventStream_Gets406()
    {
        await using var server = await McpTestServer.StartAsync();
        var sessionId = await SessionRequests.OpenAsync(server);

        using var response = await server.Client.SendAsync(SessionRequests.Get(sessionId, acceptSse: false), Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task GetWithoutSessionId_Gets405AllowingPost_SoSseFirstClientsFallBackToPost()
    {
        await using var server = await McpTestServer.StartAsync();

        using var response = await server.Client.SendAsync(SessionRequests.Get(sessionId: null), Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Get_OpensAStreamThatStaysOpenAndCarriesServerNotifications()
    {
        await using var server = await McpTestServer.StartAsync();
        var sessionId = await SessionRequests.OpenAsync(server);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));

        using var stream = await SessionRequests.OpenGetStreamAsync(server, sessionId, timeout.Token);

        // A notification sent after the GET began can only arrive if the stream is still open.
        using var trigger = await server.Client.SendAsync(SessionRequests.CallTool(sessionId, "test_trigger_tool_change"), timeout.Token);
        Assert.Equal(HttpStatusCode.OK, trigger.StatusCode);
        using var events = new SseLineReader(await stream.Content.ReadAsStreamAsync(timeout.Token));
        Assert.True(await events.SawMethodAsync("notifications/tools/list_changed", timeout.Token), "The GET stream ended without the tools/list_changed notification.");
    }

    [Fact]
    public async Task SecondConcurrentGet_Gets409()
    {
        await using var server = await McpTestServer.StartAsync();
        var sessionId = await SessionRequests.OpenAsync(server);
        using var first = await SessionRequests.OpenGetStreamAsync(server, sessionId, Cancellation);

        using var second = await server.Client.SendAsync(SessionRequests.Get(sessionId), HttpCompletionOption.ResponseHeadersRead, Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(second, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task DeletingTheSession_EndsItsOpenGetStream()
    {
        await using var server = await McpTestServer.StartAsync();
        var sessionId = await SessionRequests.OpenAsync(server);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        using var stream = await SessionRequests.OpenGetStreamAsync(server, sessionId, timeout.Token);

        using var deleted = await server.Client.SendAsync(SessionRequests.Delete(sessionId), timeout.Token);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);

        using var events = new SseLineReader(await stream.Content.ReadAsStreamAsync(timeout.Token));
        while (await events.ReadEventAsync(timeout.Token) is not null)
        {
        }
    }

    [Fact]
    public async Task GetWithUnsupportedProtocolVersion_Gets400()
    {
        await using var server = await McpTestServer.StartAsync();
        var sessionId = await SessionRequests.OpenAsync(server);
        using var request = SessionRequests.Get(sessionId);
        request.Headers.Remove("MCP-Protocol-Version");
        request.Headers.Add("MCP-Protocol-Version", "1999-01-01");

        using var response = await server.Client.SendAsync(request, Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, -32022);
    }
}
