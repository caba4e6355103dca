using System.Text.Json;
using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Validation;

/// <summary>
/// Every MCP method takes its params as an object. JSON-RPC also allows an array, and a client may send anything;
/// refused here, before any check or handler indexes into params by name (which throws on an array or a value).
/// </summary>
internal static class ParamsShapeValidator
{
    public static McpRequestRejection? Validate(JsonRpcMessage message) =>
        McpMessageFields.Params(message) is { } parameters && parameters.GetValueKind() != JsonValueKind.Object
            ? new(StatusCodes.Status400BadRequest, McpErrorCodes.InvalidParams,
                $"Invalid params: params must be an object, not {Describe(parameters.GetValueKind())}.")
            : null;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
