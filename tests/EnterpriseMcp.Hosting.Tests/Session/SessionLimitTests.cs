using System.Net;
using EnterpriseMcp.Hosting.Sessions;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using EnterpriseMcp.Hosting.Tests.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Hosting.Tests.Session;

/// <summary>Mcp:Http:MaxSessionsPerUser: one user cannot hold more open sessions; ending one frees its slot.</summary>
public sealed class SessionLimitTests
{
    private static readonly Dictionary<string, string?> TwoPerUser = new() { ["Mcp:Http:MaxSessionsPerUser"] = "2" };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InitializeBeyondTheLimit_Gets429NamingTheLimitAndTheKey_WhileOtherUsersStillGetSessions()
    {
        await using var server = await McpTestServer.StartAsync(TwoPerUser);
        await SessionRequests.OpenAsync(server, user: "alice");
        await SessionRequests.OpenAsync(server, user: "alice");

        using var third = await server.Client.SendAsync(McpRequests.Post(McpRequests.Initialize(), McpRequests.Previous, user: "alice"), Cancellation);

        var body = await JsonRpcErrorAssert.IsErrorAsync(third, HttpStatusCode.TooManyRequests, -32000);
        var message = body["error"]!["message"]!.GetValue<string>();
        Assert.Contains("2", message, StringComparison.Ordinal);
        Assert.Contains("Mcp:Http:MaxSessionsPerUser", message, StringComparison.Ordinal);
        Assert.False(third.Headers.Contains("Mcp-Session-Id"));
        Assert.Equal(2, body["error"]!["data"]!["limit"]!.GetValue<int>());
        await SessionRequests.OpenAsync(server, user: "bob");
    }

    [Fact]
    public async Task AnonymousCallers_CountAsOneUser()
    {
        await using var server = await McpTestServer.StartAsync(TwoPerUser);
        await SessionRequests.OpenAsync(server);
        await SessionRequests.OpenAsync(server);

        using var third = await server.Client.SendAsync(McpRequests.Post(McpRequests.Initialize(), McpRequests.Previous), Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(third, HttpStatusCode.TooManyRequests, -32000);
    }

    [Fact]
    public async Task DeletedSession_FreesItsSlot()
    {
        await using var server = await McpTestServer.StartAsync(TwoPerUser);
        var first = await SessionRequests.OpenAsync(server, user: "alice");
        await SessionRequests.OpenAsync(server, user: "alice");

        using (var delete = await server.Client.SendAsync(SessionRequests.Delete(first, user: "alice"), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        await SessionRequests.OpenAsync(server, user: "alice");
    }

    [Fact]
    public async Task ExpiredSession_FreesItsSlot()
    {
        await using var server = await McpTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Mcp:Http:MaxSessionsPerUser"] = "1",
            ["Mcp:Http:IdleTimeout"] = "00:00:01",
            ["Mcp:Http:SweepInterval"] = "00:00:00.2",
        });
        await SessionRequests.OpenAsync(server, user: "alice");
        var sessions = server.Services.GetRequiredService<McpSessionManager>();
        for (var attempt = 0; attempt < 150 && sessions.LiveCount > 0; attempt++)
        {
            await Task.Delay(100, Cancellation);
        }

        Assert.Equal(0, sessions.LiveCount);
        await SessionRequests.OpenAsync(server, user: "alice");
    }

    [Fact]
    public async Task ZeroMaxSessionsPerUser_StopsStartUpNamingTheKey()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            McpTestServer.StartAsync(new Dictionary<string, string?> { ["Mcp:Http:MaxSessionsPerUser"] = "0" }));

        Assert.Contains("Mcp:Http:MaxSessionsPerUser", failure.Message, StringComparison.Ordinal);
    }
}
