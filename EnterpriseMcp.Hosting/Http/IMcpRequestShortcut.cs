using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Http;

/// <summary>
/// A way around the SDK server for stateless (2026-07-28) requests that a host answers more cheaply itself: the gateway
/// relays tools/call this way, without a server built per request nor its answer read into typed results and written
/// again. Everything around the request stays the hosting layer's: transport rules, authorization, the span and
/// measurement, the SSE stream, <c>serverInfo</c> in the result, and errors as JSON-RPC errors with their HTTP status.
/// </summary>
public interface IMcpRequestShortcut
{
    /// <summary>Whether it answers this request; if not, the SDK server does.</summary>
    bool Takes(JsonRpcRequest request);

    /// <summary>The request's result. Notifications about it (progress) go out through <paramref name="notify"/> first;
    /// an <see cref="ModelContextProtocol.McpException"/> becomes the request's JSON-RPC error.</summary>
    Task<JsonNode> RunAsync(JsonRpcRequest request, HttpContext context,
        Func<JsonRpcNotification, CancellationToken, ValueTask> notify, CancellationToken cancellationToken);
}
