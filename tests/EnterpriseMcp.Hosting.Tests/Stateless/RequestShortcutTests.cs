using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Tests.Stateless;

/// <summary>A host's shortcut answers the stateless requests it takes, with what the SDK server would have added.</summary>
public sealed class RequestShortcutTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_taken_call_streams_its_notifications_then_its_result_with_this_servers_serverInfo()
    {
        await using var server = await McpTestServer.StartAsync(services: services =>
            services.AddSingleton<IMcpRequestShortcut>(new Shortcut("test_simple_text", notifyFirst: true)));

        using var response = await server.Client.SendAsync(StatelessPost.CallTool("test_simple_text"), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await McpResponses.ReadEventsAsync(response);
        Assert.Equal(2, events.Count);
        Assert.Equal("notifications/progress", (string?)events[0].Data?["method"]);
        var result = events[1].Data?["result"];
        Assert.Equal(1, (int?)events[1].Data?["id"]);
        Assert.Equal("from the shortcut", (string?)result?["content"]?[0]?["text"]);
        Assert.Equal("enterprise-mcp-conformance", (string?)result?["_meta"]?[MetaKeys.ServerInfo]?["name"]);
    }

    [Fact]
    public async Task A_call_it_does_not_take_is_served_by_the_SDK_server()
    {
        await using var server = await McpTestServer.StartAsync(services: services =>
            services.AddSingleton<IMcpRequestShortcut>(new Shortcut("another_tool", notifyFirst: false)));

        using var response = await server.Client.SendAsync(StatelessPost.CallTool("test_simple_text"), Token);

        var answer = await McpResponses.ReadAnswerAsync(response);
        Assert.Contains("simple text response", (string?)answer["result"]?["content"]?[0]?["text"]);
    }

    [Fact]
    public async Task Its_protocol_error_is_the_requests_JSON_RPC_error_with_its_HTTP_status()
    {
        await using var server = await McpTestServer.StartAsync(services: services =>
            services.AddSingleton<IMcpRequestShortcut>(new Shortcut("test_simple_text", notifyFirst: false,
                failure: new McpProtocolException("No such method here.", McpErrorCode.MethodNotFound) { Data = { ["hint"] = "ask elsewhere" } })));

        using var response = await server.Client.SendAsync(StatelessPost.CallTool("test_simple_text"), Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await StatelessPost.ErrorOf(response);
        Assert.Equal((int)McpErrorCode.MethodNotFound, StatelessPost.CodeOf(error));
        Assert.Equal("No such method here.", (string?)error["message"]);
        Assert.Equal("ask elsewhere", (string?)error["data"]?["hint"]);
    }

    [Fact]
    public async Task Any_other_failure_is_an_internal_error_that_does_not_tell_its_details()
    {
        await using var server = await McpTestServer.StartAsync(services: services =>
            services.AddSingleton<IMcpRequestShortcut>(new Shortcut("test_simple_text", notifyFirst: false,
                failure: new InvalidOperationException("secret detail"))));

        using var response = await server.Client.SendAsync(StatelessPost.CallTool("test_simple_text"), Token);

        var error = await StatelessPost.ErrorOf(response);
        Assert.Equal((int)McpErrorCode.InternalError, StatelessPost.CodeOf(error));
        Assert.DoesNotContain("secret", error.ToJsonString());
    }

    private sealed class Shortcut(string tool, bool notifyFirst, Exception? failure = null) : IMcpRequestShortcut
    {
        public bool Takes(JsonRpcRequest request) =>
            request.Method == RequestMethods.ToolsCall && (string?)request.Params?["name"] == tool;

        public async Task<JsonNode> RunAsync(JsonRpcRequest request, HttpContext context,
            Func<JsonRpcNotification, CancellationToken, ValueTask> notify, CancellationToken cancellationToken)
        {
            if (notifyFirst)
            {
                await notify(new JsonRpcNotification
                {
                    Method = NotificationMethods.ProgressNotification,
                    Params = new JsonObject { ["progressToken"] = "p1", ["progress"] = 1 },
                }, cancellationToken);
            }

            if (failure is not null)
            {
                throw failure;
            }

            return new JsonObject { ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "from the shortcut" }) };
        }
    }
}
