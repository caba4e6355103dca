using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using EnterpriseMcp.Hosting.Sessions;
using EnterpriseMcp.Hosting.Telemetry;
using EnterpriseMcp.Hosting.Tools;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Http;

/// <summary>
/// Serves a stateless request through the host's <see cref="IMcpRequestShortcut"/> that takes it, with what the SDK
/// server would have added: the operation's span and measurement, an SSE stream of its notifications and answer,
/// this server's <c>serverInfo</c> in the result's <c>_meta</c>, and a JSON-RPC error (with its HTTP status) for a failure.
/// </summary>
internal sealed partial class McpShortcutPost(
    IEnumerable<IMcpRequestShortcut> shortcuts, McpServerFactory servers, IMcpToolDirectory tools, ILogger<McpShortcutPost> logger)
{
    private static readonly JsonTypeInfo<JsonRpcMessage> MessageType =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.ProtocolOptions.GetTypeInfo(typeof(JsonRpcMessage));

    private static readonly byte[] EventStart = "event: message\ndata: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private readonly IMcpRequestShortcut[] _shortcuts = shortcuts.ToArray();
    // Serialized once: each answer gets a node over the same element, not a parse of the same text.
    private readonly Lazy<JsonElement?> _serverInfo = new(() => servers.ServerOptions.ServerInfo is { } info
        ? JsonSerializer.SerializeToElement(info, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Implementation)))
        : null);

    public IMcpRequestShortcut? Find(JsonRpcMessage message)
    {
        if (_shortcuts.Length == 0 || message is not JsonRpcRequest request)
        {
            return null;
        }

        foreach (var shortcut in _shortcuts)
        {
            if (shortcut.Takes(request))
            {
                return shortcut;
            }
        }

        return null;
    }

    public async Task ServeAsync(HttpContext context, JsonRpcRequest request, IMcpRequestShortcut shortcut, string version)
    {
        var operation = McpOperation.Start(request, sessionId: null, version, tools);
        var cancelled = false;
        var body = context.Response.Body;
        SseResponse.Start(context);
        try
        {
            var answer = await AnswerAsync(context, request, shortcut, body);
            if (answer is JsonRpcError { Error.Code: var code })
            {
                operation?.ErrorType = McpOperation.CodeOf(code);
                McpTransportPost.MapErrorStatus(context.Response, answer);
            }
            else if (answer is JsonRpcResponse response && OperationOutcomeFilter.IsToolError(response.Result))
            {
                operation?.ErrorType = "tool_error";
            }

            await WriteEventAsync(body, answer, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client closed the response stream: on 2026-07-28 that is how a request is cancelled.
            cancelled = true;
        }
        finally
        {
            operation?.Complete(cancelled);
        }
    }

    private async Task<JsonRpcMessage> AnswerAsync(HttpContext context, JsonRpcRequest request, IMcpRequestShortcut shortcut, Stream body)
    {
        try
        {
            var result = await shortcut.RunAsync(request, context, (notification, token) => WriteEventAsync(body, notification, token),
                context.RequestAborted);
            WithServerInfo(result);
            return new JsonRpcResponse { Id = request.Id, Result = result };
        }
        catch (McpProtocolException error)
        {
            return Error(request, (int)error.ErrorCode, error.Message, DataOf(error));
        }
        catch (McpException error)
        {
            return Error(request, (int)McpErrorCode.InternalError, error.Message);
        }
        catch (Exception error) when (error is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            // As the SDK server does: the client learns that it failed, the log learns why.
            LogFailed(error, request.Method);
            return Error(request, (int)McpErrorCode.InternalError, "An error occurred.");
        }
    }

    private void WithServerInfo(JsonNode result)
    {
        if (result is JsonObject answer && _serverInfo.Value is { } info)
        {
            var meta = answer["_meta"] as JsonObject ?? new JsonObject();
            meta[MetaKeys.ServerInfo] = JsonObject.Create(info);
            answer["_meta"] = meta;
        }
    }

    private static JsonRpcError Error(JsonRpcRequest request, int code, string message, JsonNode? data = null) =>
        new() { Id = request.Id, Error = new JsonRpcErrorDetail { Code = code, Message = message, Data = data } };

    /// <summary>The exception's <c>Data</c> as the error's <c>data</c>, as the SDK server writes it (e.g. the capabilities a call needs).</summary>
    private static JsonObject? DataOf(Exception error)
    {
        if (error.Data.Count == 0)
        {
            return null;
        }

        var data = new JsonObject();
        foreach (System.Collections.DictionaryEntry entry in error.Data)
        {
            if (entry.Key is string key)
            {
                data[key] = entry.Value switch
                {
                    null => null,
                    JsonElement element => JsonNode.Parse(element.GetRawText()),
                    JsonNode node => node.DeepClone(),
                    var other => JsonValue.Create(other.ToString()),
                };
            }
        }

        return data;
    }

    /// <summary>One SSE event in one write: each write to the response is sent at once (and is one chunk of its own).</summary>
    private static async ValueTask WriteEventAsync(Stream body, JsonRpcMessage message, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        buffer.Write(EventStart);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, message, MessageType);
        }

        buffer.Write(EventEnd);
        await body.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Method} request failed on its shortcut.")]
    private partial void LogFailed(Exception error, string method);
}
