using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Tests.Infrastructure;

namespace EnterpriseMcp.Hosting.Tests.Session;

/// <summary>The 2025-generation steps the session tests share: the handshake, GET, DELETE and tool calls.</summary>
internal static class SessionRequests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Initializes a session and sends notifications/initialized; returns its Mcp-Session-Id.</summary>
    public static async Task<string> OpenAsync(McpTestServer server, string? user = null, string version = McpRequests.Previous,
        JsonObject? capabilities = null)
    {
        var body = JsonNode.Parse(McpRequests.Initialize(version))!;
        body["params"]!["capabilities"] = capabilities ?? new JsonObject();
        using var initialize = await server.Client.SendAsync(
            McpRequests.Post(body.ToJsonString(), version, user: user), Cancellation);
        Assert.Equal(HttpStatusCode.OK, initialize.StatusCode);
        var sessionId = Assert.Single(initialize.Headers.GetValues("Mcp-Session-Id"));
        await McpResponses.ReadAnswerAsync(initialize);

        using var initialized = await server.Client.SendAsync(
            McpRequests.Post(McpRequests.Initialized, version, sessionId, user), Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, initialized.StatusCode);
        return sessionId;
    }

    public static HttpRequestMessage Get(string? sessionId, string? user = null, string? lastEventId = null, bool acceptSse = true)
    {
        var request = WithSession(new HttpRequestMessage(HttpMethod.Get, "/mcp"), sessionId, user);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(acceptSse ? "text/event-stream" : "application/json"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        return request;
    }

    /// <summary>Opens the session's GET stream and returns it once its headers say 200 and SSE.</summary>
    public static async Task<HttpResponseMessage> OpenGetStreamAsync(McpTestServer server, string sessionId, CancellationToken cancellationToken)
    {
        var response = await server.Client.SendAsync(Get(sessionId), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return response;
    }

    public static HttpRequestMessage Delete(string? sessionId, string? user = null) =>
        WithSession(new HttpRequestMessage(HttpMethod.Delete, "/mcp"), sessionId, user);

    public static HttpRequestMessage ToolsList(string? sessionId, string? user = null) =>
        McpRequests.Post(McpRequests.Request("tools/list"), McpRequests.Previous, sessionId, user);

    public static HttpRequestMessage CallTool(string? sessionId, string tool, JsonObject? arguments = null,
        string? progressToken = null, string? user = null, int id = 2)
    {
        var parameters = new JsonObject { ["name"] = tool, ["arguments"] = arguments ?? new JsonObject() };
        if (progressToken is not null)
        {
            parameters["_meta"] = new JsonObject { ["progressToken"] = progressToken };
        }

        return McpRequests.Post(McpRequests.Request("tools/call", parameters, id), McpRequests.Previous, sessionId, user);
    }

    private static HttpRequestMessage WithSession(HttpRequestMessage request, string? sessionId, string? user)
    {
        request.Headers.Add("MCP-Protocol-Version", McpRequests.Previous);
        if (sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
        }

        if (user is not null)
        {
            request.Headers.Add(TestUserAuthentication.Header, user);
        }

        return request;
    }
}
