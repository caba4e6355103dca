using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Http;

/// <summary>Transport-level rejections: an HTTP status plus a JSON-RPC error body that echoes the request id.</summary>
public static class JsonRpcErrorResponse
{
    private static readonly JsonTypeInfo<JsonRpcError> ErrorTypeInfo =
        (JsonTypeInfo<JsonRpcError>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcError));

    public static Task WriteAsync(HttpContext context, int statusCode, int code, string message,
        RequestId id = default, JsonNode? data = null)
    {
        var error = new JsonRpcError
        {
            Id = id,
            Error = new JsonRpcErrorDetail { Code = code, Message = message, Data = data },
        };
        return WriteAsync(context, statusCode, error);
    }

    public static async Task WriteAsync(HttpContext context, int statusCode, JsonRpcError error)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(response.Body, error, ErrorTypeInfo, context.RequestAborted);
    }
}
