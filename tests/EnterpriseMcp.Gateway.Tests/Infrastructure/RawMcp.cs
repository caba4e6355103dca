using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Tests.Infrastructure;

/// <summary>MCP requests written by hand (2026-07-28, stateless), for tests that look at the HTTP answer itself: status and challenges.</summary>
public static class RawMcp
{
    public static HttpRequestMessage Request(Uri endpoint, string method, JsonObject? parameters, string? token, string? name = null)
    {
        parameters ??= [];
        // Added to what the caller's _meta already holds (a traceparent, say).
        var meta = parameters["_meta"] as JsonObject ?? [];
        meta[MetaKeys.ProtocolVersion] = "2026-07-28";
        meta[MetaKeys.ClientInfo] = new JsonObject { ["name"] = "raw-test", ["version"] = "1.0.0" };
        meta[MetaKeys.ClientCapabilities] = new JsonObject();
        parameters["_meta"] = meta;
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = parameters };
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", "2026-07-28");
        request.Headers.Add("Mcp-Method", method);
        if (name is not null)
        {
            request.Headers.Add("Mcp-Name", name);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public static HttpRequestMessage CallTool(Uri endpoint, string tool, JsonObject arguments, string? token) =>
        Request(endpoint, "tools/call", new JsonObject { ["name"] = tool, ["arguments"] = arguments }, token, tool);

    /// <summary>The JSON-RPC answer, from a JSON body or the last event of an SSE stream.</summary>
    public static async Task<JsonNode> AnswerAsync(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return await AnswerOf(response);
    }

    /// <summary>The JSON-RPC message a POST answered with: the JSON body, or the last data event of its SSE stream.</summary>
    public static async Task<JsonObject> AnswerOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var json = response.Content.Headers.ContentType?.MediaType == "text/event-stream"
            ? body.Split('\n').Last(line => line.StartsWith("data:", StringComparison.Ordinal))["data:".Length..]
            : body;
        return JsonNode.Parse(json)!.AsObject();
    }
}
