using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Tests.Infrastructure;

namespace EnterpriseMcp.Hosting.Tests.Stateless;

/// <summary>
/// 2026-07-28 POSTs whose version header, <c>_meta</c> and routing headers each can be left out or
/// made to disagree, for the tests of what the endpoint refuses.
/// </summary>
internal static class StatelessPost
{
    public const string VersionKey = "io.modelcontextprotocol/protocolVersion";
    public const string CapabilitiesKey = "io.modelcontextprotocol/clientCapabilities";

    public static JsonObject Meta(string? version = McpRequests.Latest, JsonObject? capabilities = null)
    {
        var meta = new JsonObject();
        if (version is not null)
        {
            meta[VersionKey] = version;
        }

        meta[CapabilitiesKey] = capabilities ?? new JsonObject();
        return meta;
    }

    /// <summary>
    /// A request with <paramref name="meta"/> as its <c>_meta</c> and exactly the MCP headers given
    /// (null leaves a header out); no header is derived from the body.
    /// </summary>
    public static HttpRequestMessage Create(
        string method,
        JsonObject? parameters,
        JsonObject? meta,
        string? versionHeader,
        string? methodHeader,
        string? nameHeader = null,
        int id = 1)
    {
        parameters ??= new JsonObject();
        if (meta is not null)
        {
            parameters["_meta"] = meta;
        }

        var request = McpRequests.Post(McpRequests.Request(method, parameters, id), versionHeader);
        if (methodHeader is not null)
        {
            request.Headers.TryAddWithoutValidation("Mcp-Method", methodHeader);
        }

        if (nameHeader is not null)
        {
            request.Headers.TryAddWithoutValidation("Mcp-Name", nameHeader);
        }

        return request;
    }

    /// <summary>A well-formed tools/call: version everywhere, routing headers matching the body.</summary>
    public static HttpRequestMessage CallTool(string tool, JsonObject? arguments = null, JsonObject? capabilities = null, int id = 1)
    {
        var parameters = new JsonObject { ["name"] = tool };
        if (arguments is not null)
        {
            parameters["arguments"] = arguments;
        }

        return Create("tools/call", parameters, Meta(capabilities: capabilities), McpRequests.Latest, "tools/call", tool, id);
    }

    public static async Task<JsonObject> ErrorOf(HttpResponseMessage response) =>
        (await McpResponses.ReadAnswerAsync(response))["error"] as JsonObject
            ?? throw new InvalidOperationException("The answer is not a JSON-RPC error.");

    public static int CodeOf(JsonObject error) => error["code"]!.GetValue<int>();
}
