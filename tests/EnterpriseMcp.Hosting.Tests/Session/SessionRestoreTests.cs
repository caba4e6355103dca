using System.Net;
using EnterpriseMcp.Hosting.Configuration;
using EnterpriseMcp.Hosting.Sessions;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Hosting.Tests.Session;

/// <summary>Two replicas sharing one session store: either serves a session the other started.</summary>
public sealed class SessionRestoreTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SessionStartedOnOneReplica_IsServedByAnother_ForItsOwnerOnly()
    {
        var store = new InMemoryMcpSessionStore(Options.Create(new McpHttpOptions()), TimeProvider.System);
        void ShareStore(IServiceCollection services) => services.AddSingleton<IMcpSessionStore>(store);
        await using var first = await McpTestServer.StartAsync(services: ShareStore);
        await using var second = await McpTestServer.StartAsync(services: ShareStore);
        var sessionId = await SessionRequests.OpenAsync(first, user: "alice");

        using var call = await second.Client.SendAsync(SessionRequests.CallTool(sessionId, "whoami", user: "alice"), Cancellation);
        var answer = await McpResponses.ReadAnswerAsync(call);
        Assert.Equal("alice", answer["result"]?["content"]?[0]?["text"]?.GetValue<string>());
        Assert.Equal(1, second.Services.GetRequiredService<McpSessionManager>().LiveCount);

        using var stranger = await second.Client.SendAsync(SessionRequests.ToolsList(sessionId, user: "bob"), Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
    }

    [Fact]
    public async Task SessionEndedOnOneReplica_Gets404OnTheOther()
    {
        var store = new InMemoryMcpSessionStore(Options.Create(new McpHttpOptions()), TimeProvider.System);
        void ShareStore(IServiceCollection services) => services.AddSingleton<IMcpSessionStore>(store);
        await using var first = await McpTestServer.StartAsync(services: ShareStore);
        await using var second = await McpTestServer.StartAsync(services: ShareStore);
        var sessionId = await SessionRequests.OpenAsync(first);
        using (var warm = await second.Client.SendAsync(SessionRequests.ToolsList(sessionId), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        using (var delete = await first.Client.SendAsync(SessionRequests.Delete(sessionId), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        using var after = await second.Client.SendAsync(SessionRequests.ToolsList(sessionId), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Equal(0, second.Services.GetRequiredService<McpSessionManager>().LiveCount);
    }
}
