using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Backends;

/// <summary>A backend's JSON-RPC error, passed on to the client as the backend gave it: code, message and data.</summary>
internal static class BackendErrors
{
    public static McpProtocolException ToException(JsonRpcErrorDetail error)
    {
        var exception = new McpProtocolException(error.Message, (McpErrorCode)error.Code);
        if (error.Data is JsonElement { ValueKind: JsonValueKind.Object } data)
        {
            foreach (var property in data.EnumerateObject())
            {
                exception.Data[property.Name] = property.Value.Clone();
            }
        }

        return exception;
    }

    public static JsonRpcError ToMessage(RequestId id, Exception exception) => new()
    {
        Id = id,
        Error = exception is McpProtocolException protocol
            ? new JsonRpcErrorDetail { Code = (int)protocol.ErrorCode, Message = protocol.Message }
            : new JsonRpcErrorDetail { Code = (int)McpErrorCode.InternalError, Message = "The client did not answer the question." },
    };
}
