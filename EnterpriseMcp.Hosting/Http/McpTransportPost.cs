using EnterpriseMcp.Hosting.Configuration;
using EnterpriseMcp.Hosting.Protocol;
using EnterpriseMcp.Hosting.Telemetry;
using EnterpriseMcp.Hosting.Tools;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Http;

/// <summary>
/// Hands one validated POST to an SDK transport and shapes the HTTP answer: SSE or JSON, 202 when
/// nothing is to be answered, and on 2026-07-28 the HTTP status its error codes call for.
/// </summary>
internal sealed class McpTransportPost(IOptions<McpHttpOptions> options, IMcpToolDirectory tools)
{
    private readonly bool _json = options.Value.ResponseMode == McpResponseMode.Json;

    public async Task ServeAsync(HttpContext context, StreamableHttpServerTransport transport, JsonRpcMessage message,
        string version, string? sessionId, bool mapErrorStatus)
    {
        var response = context.Response;
        var operation = McpOperation.Start(message, sessionId, VersionOf(message, version), tools);
        var cancelled = false;
        try
        {
            if (message is JsonRpcRequest && !_json)
            {
                SseResponse.Start(context);
            }

            var body = _json ? new JsonResponseStream(context) : response.Body;
            var answered = await transport.HandlePostRequestAsync(message, body,
                first => SetStatus(response, first, mapErrorStatus), context.RequestAborted);
            if (!answered)
            {
                response.StatusCode = StatusCodes.Status202Accepted;
            }
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

    // An initialize request names its version in the body; later requests without the header use the spec's default.
    private static string VersionOf(JsonRpcMessage message, string header) =>
        header.Length > 0 ? header
        : message is JsonRpcRequest { Method: RequestMethods.Initialize } initialize &&
          McpMessageFields.String(initialize.Params, "protocolVersion") is { } requested ? requested
        : McpProtocolVersion.DefaultWhenHeaderMissing;

    private static ValueTask SetStatus(HttpResponse response, JsonRpcMessage? first, bool mapErrorStatus)
    {
        if (mapErrorStatus)
        {
            MapErrorStatus(response, first);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>On 2026-07-28, the HTTP status of an answer that is an error, while the status can still change.</summary>
    public static void MapErrorStatus(HttpResponse response, JsonRpcMessage? first)
    {
        if (first is JsonRpcError { Error.Code: var code } && !response.HasStarted)
        {
            response.StatusCode = code switch
            {
                McpErrorCodes.MethodNotFound => StatusCodes.Status404NotFound,
                McpErrorCodes.HeaderMismatch or McpErrorCodes.UnsupportedProtocolVersion or McpErrorCodes.MissingClientCapability
                    => StatusCodes.Status400BadRequest,
                _ => response.StatusCode,
            };
        }
    }
}
