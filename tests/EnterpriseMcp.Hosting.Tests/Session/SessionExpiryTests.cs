using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Sessions;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using EnterpriseMcp.Hosting.Tests.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseMcp.Hosting.Tests.Session;

public sealed class SessionExpiryTests
{
    // Long enough that a loaded machine never leaves two consecutive requests of a test that far apart.
    private static readonly Dictionary<string, string?> ShortIdleTimeout = new()
    {
        ["Mcp:Http:IdleTimeout"] = "00:00:02",
        ["Mcp:Http:SweepInterval"] = "00:00:00.2",
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IdleSession_IsEndedBySweeper_AndThenGets404()
    {
        await using var server = await McpTestServer.StartAsync(ShortIdleTimeout);
        var sessionId = await SessionRequests.OpenAsync(server);
        var sessions = server.Services.GetRequiredService<McpSessionManager>();
        Assert.Equal(1, sessions.LiveCount);

        // Watched from inside: a request naming the session would restart its idle clock.
        for (var attempt = 0; attempt < 150 && sessions.LiveCount > 0; attempt++)
        {
            await Task.Delay(100, Cancellation);
        }

        Assert.Equal(0, sessions.LiveCount);
        using var response = await server.Client.SendAsync(SessionRequests.ToolsList(sessionId), Cancellation);
        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.NotFound, -32001);
    }

    [Fact]
    public async Task SessionBusyWithARequestLongerThanIdleTimeout_IsNotExpired()
    {
        await using var server = await McpTestServer.StartAsync(ShortIdleTimeout);
        var sessionId = await SessionRequests.OpenAsync(server);

        using var slow = await server.Client.SendAsync(
            SessionRequests.CallTool(sessionId, "slow_echo", new JsonObject { ["text"] = "done", ["delayMs"] = 4000 }), Cancellation);
        var answer = await McpResponses.ReadAnswerAsync(slow);
        Assert.Equal("done", answer["result"]?["content"]?[0]?["text"]?.GetValue<string>());

        using var next = await server.Client.SendAsync(SessionRequests.ToolsList(sessionId), Cancellation);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task AnotherUsersRefusedRequests_DoNotKeepTheSessionAlive()
    {
        await using var server = await McpTestServer.StartAsync(ShortIdleTimeout);
        var sessionId = await SessionRequests.OpenAsync(server, user: "alice");

        // Bob keeps knocking well within the idle timeout; only alice's own use may keep the session.
        var status = HttpStatusCode.Forbidden;
        for (var attempt = 0; attempt < 150 && status == HttpStatusCode.Forbidden; attempt++)
        {
            await Task.Delay(100, Cancellation);
            using var refused = await server.Client.SendAsync(SessionRequests.ToolsList(sessionId, user: "bob"), Cancellation);
            status = refused.StatusCode;
        }

        Assert.Equal(HttpStatusCode.NotFound, status);
        using var response = await server.Client.SendAsync(SessionRequests.ToolsList(sessionId, user: "alice"), Cancellation);
        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.NotFound, -32001);
    }
}
