using Microsoft.AspNetCore.Http;

namespace EnterpriseMcp.Hosting.Http;

/// <summary>
/// Where a request came from, kept with the message (<c>JsonRpcMessageContext.Items</c>) for whatever handles it, on a
/// session's server as on a shortcut: an audit's source address, user agent, session and trace.
/// </summary>
public sealed record McpRequestOrigin(string? SourceAddress, string? UserAgent, string? SessionId, string? TraceId)
{
    public const string Key = "EnterpriseMcp.RequestOrigin";

    public static McpRequestOrigin Of(HttpContext context) => new(
        context.Connection.RemoteIpAddress?.ToString(),
        context.Request.Headers.UserAgent is { Count: > 0 } agent ? agent.ToString() : null,
        context.Request.Headers[Protocol.McpHeaders.SessionId] is { Count: > 0 } session ? session.ToString() : null,
        System.Diagnostics.Activity.Current?.TraceId.ToString());
}
