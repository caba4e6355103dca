using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Http;

/// <summary>Why a request is refused before it reaches the MCP server: status, JSON-RPC code and text.</summary>
internal sealed record McpRequestRejection(int StatusCode, int Code, string Message, JsonNode? Data = null)
{
    public Task WriteAsync(HttpContext context, RequestId id = default) =>
        JsonRpcErrorResponse.WriteAsync(context, StatusCode, Code, Message, id, Data);
}
