using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace EnterpriseMcp.Hosting.Tests.Infrastructure;

/// <summary>Builds raw Streamable HTTP requests, so tests control every header and byte.</summary>
public static class McpRequests
{
    public const string Latest = "2026-07-28";
    public const string Previous = "2025-11-25";

    public static HttpRequestMessage Post(string body, string? protocolVersion = null, string? sessionId = null, string? user = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (protocolVersion is not null)
        {
            request.Headers.Add("MCP-Protocol-Version", protocolVersion);
        }

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

    public static string Initialize(string protocolVersion = Previous, int id = 1) => new JsonObject
    {
        ["jsonrpc"] = "2.0",
        ["id"] = id,
        ["method"] = "initialize",
        ["params"] = new JsonObject
        {
            ["protocolVersion"] = protocolVersion,
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = "hosting-tests", ["version"] = "1.0" },
        },
    }.ToJsonString();

    public const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    public static string Request(string method, JsonObject? parameters = null, int id = 2) => new JsonObject
    {
        ["jsonrpc"] = "2.0",
        ["id"] = id,
        ["method"] = method,
        ["params"] = parameters ?? new JsonObject(),
    }.ToJsonString();

    /// <summary>A 2026-07-28 request: version in the header and in _meta, routing headers set.</summary>
    public static HttpRequestMessage Stateless(string method, JsonObject? parameters = null, string? name = null, int id = 1, string? user = null)
    {
        parameters ??= new JsonObject();
        parameters["_meta"] = new JsonObject
        {
            ["io.modelcontextprotocol/protocolVersion"] = Latest,
            ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject(),
        };
        var request = Post(Request(method, parameters, id), Latest, user: user);
        request.Headers.Add("Mcp-Method", method);
        if (name is not null)
        {
            request.Headers.Add("Mcp-Name", name);
        }

        return request;
    }
}
