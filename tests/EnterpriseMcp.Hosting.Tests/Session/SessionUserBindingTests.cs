using System.Net;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using EnterpriseMcp.Hosting.Tests.Transport;

namespace EnterpriseMcp.Hosting.Tests.Session;

public sealed class SessionUserBindingTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string> Methods => ["POST", "GET", "DELETE"];

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task AnotherUser_Gets403_AndTheSessionStillServesItsOwner(string method)
    {
        await using var server = await McpTestServer.StartAsync();
        var sessionId = await SessionRequests.OpenAsync(server, user: "alice");

        using var refused = await server.Client.SendAsync(Request(method, sessionId, "bob"), HttpCompletionOption.ResponseHeadersRead, Cancellation);
        await JsonRpcErrorAssert.IsErrorAsync(refused, HttpStatusCode.Forbidden);

        using var owner = await server.Client.SendAsync(SessionRequests.ToolsList(sessionId, "alice"), Cancellation);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task AnonymousCaller_Gets403OnAUsersSession(string method)
    {
        await using var server = await McpTestServer.StartAsync();
        var sessionId = await SessionRequests.OpenAsync(server, user: "alice");

        using var refused = await server.Client.SendAsync(Request(method, sessionId, user: null), HttpCompletionOption.ResponseHeadersRead, Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(refused, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ToolCall_InAUsersSession_SeesThatUser()
    {
        await using var server = await McpTestServer.StartAsync();
        var sessionId = await SessionRequests.OpenAsync(server, user: "alice");

        using var response = await server.Client.SendAsync(SessionRequests.CallTool(sessionId, "whoami", user: "alice"), Cancellation);

        var answer = await McpResponses.ReadAnswerAsync(response);
        Assert.Equal("alice", answer["result"]?["content"]?[0]?["text"]?.GetValue<string>());
    }

    private static HttpRequestMessage Request(string method, string sessionId, string? user) => method switch
    {
        "POST" => SessionRequests.ToolsList(sessionId, user),
        "GET" => SessionRequests.Get(sessionId, user),
        _ => SessionRequests.Delete(sessionId, user),
    };
}
