using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Telemetry;

/// <summary>
/// Sees each answer the server sends and records on the current operation whether it failed:
/// the JSON-RPC error code, or <c>tool_error</c> for a tool result flagged <c>isError</c>.
/// </summary>
internal static class OperationOutcomeFilter
{
    public static McpMessageFilter Create() => next => async (context, cancellationToken) =>
    {
        if (McpOperation.Current is { } operation)
        {
            switch (context.JsonRpcMessage)
            {
                case JsonRpcError error when error.Id == operation.RequestId:
                    operation.ErrorType = McpOperation.CodeOf(error.Error.Code);
                    break;
                case JsonRpcResponse response when response.Id == operation.RequestId && IsToolError(response.Result):
                    operation.ErrorType = "tool_error";
                    break;
            }
        }

        await next(context, cancellationToken);
    };

    /// <summary>A tool result flagged <c>isError</c>: the call ran, and the tool says it failed.</summary>
    public static bool IsToolError(JsonNode? result) =>
        result is JsonObject answer && answer["isError"] is JsonValue isError && isError.TryGetValue(out bool failed) && failed;
}
