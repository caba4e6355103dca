using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Sessions;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseMcp.Hosting.Tests.Session;

public sealed class SessionHibernationTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_idle_session_unloads_its_server_and_its_next_request_rebuilds_it()
    {
        await using var server = await McpTestServer.StartAsync();
        var sessions = server.Services.GetRequiredService<McpSessionManager>();
        var sessionId = await SessionRequests.OpenAsync(server, user: "alice");

        await sessions.HibernateIdleAsync(TimeSpan.Zero);
        Assert.Equal(0, sessions.LiveCount);

        using var response = await server.Client.SendAsync(SessionRequests.CallTool(sessionId, "test_simple_text", user: "alice"), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await McpResponses.ReadAnswerAsync(response);
        Assert.Equal("This is a simple text response for testing.", (string?)answer["result"]!["content"]![0]!["text"]);
        Assert.Equal(1, sessions.LiveCount);
    }

    [Fact]
    public async Task A_hibernated_session_still_belongs_to_its_user()
    {
        await using var server = await McpTestServer.StartAsync();
        var sessions = server.Services.GetRequiredService<McpSessionManager>();
        var sessionId = await SessionRequests.OpenAsync(server, user: "alice");
        await sessions.HibernateIdleAsync(TimeSpan.Zero);

        using var response = await server.Client.SendAsync(SessionRequests.ToolsList(sessionId, user: "mallory"), Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, sessions.LiveCount);
    }

    [Fact]
    public async Task A_session_with_an_open_GET_stream_or_a_log_level_stays_loaded()
    {
        await using var server = await McpTestServer.StartAsync();
        var sessions = server.Services.GetRequiredService<McpSessionManager>();
        var streaming = await SessionRequests.OpenAsync(server);
        var logging = await SessionRequests.OpenAsync(server);
        using var stream = await SessionRequests.OpenGetStreamAsync(server, streaming, Cancellation);
        using var setLevel = await server.Client.SendAsync(McpRequests.Post(
            McpRequests.Request("logging/setLevel", new JsonObject { ["level"] = "debug" }), McpRequests.Previous, logging), Cancellation);
        Assert.Equal(HttpStatusCode.OK, setLevel.StatusCode);

        await sessions.HibernateIdleAsync(TimeSpan.Zero);

        Assert.Equal(2, sessions.LiveCount);
    }

    [Fact]
    public async Task Requests_racing_hibernation_are_all_answered()
    {
        await using var server = await McpTestServer.StartAsync();
        var sessions = server.Services.GetRequiredService<McpSessionManager>();
        var sessionId = await SessionRequests.OpenAsync(server);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);

        var hibernating = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await sessions.HibernateIdleAsync(TimeSpan.Zero);
                await Task.Yield();
            }
        }, Cancellation);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            var answered = new List<HttpStatusCode>();
            for (var i = 0; i < 25; i++)
            {
                using var response = await server.Client.SendAsync(
                    SessionRequests.CallTool(sessionId, "test_simple_text", id: worker * 100 + i), Cancellation);
                var answer = await McpResponses.ReadAnswerAsync(response);
                answered.Add(answer["result"] is null ? HttpStatusCode.InternalServerError : response.StatusCode);
            }

            return answered;
        }));
        await stop.CancelAsync();
        await hibernating;

        Assert.All(statuses.SelectMany(s => s), status => Assert.Equal(HttpStatusCode.OK, status));
    }
}
