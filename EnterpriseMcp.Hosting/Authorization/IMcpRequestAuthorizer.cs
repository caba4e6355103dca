using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>
/// Decides, before a request reaches the MCP server, whether the authenticated caller may make it, and which
/// scopes the server knows of. Consulted only when the server validates bearer tokens. The default reads the
/// tools' <see cref="RequiresScopeAttribute"/>s; a server with its own policy (the gateway) registers another.
/// </summary>
public interface IMcpRequestAuthorizer
{
    /// <summary>Every scope some request may require, in a stable order: what 401 challenges and the RFC 9728 metadata advertise.</summary>
    IReadOnlyList<string> ScopesSupported { get; }

    /// <summary>Null when the caller may make <paramref name="request"/>; otherwise why not.</summary>
    McpAccessDenial? Authorize(HttpContext context, JsonRpcRequest request);
}

/// <summary>
/// A refused request: answered 403 with <paramref name="Message"/>. With <paramref name="StepUpScopes"/> the answer
/// carries <c>WWW-Authenticate: Bearer error="insufficient_scope", scope="..."</c> naming every scope the request needs,
/// so the client can ask for them; without, no scope would help and no challenge is sent. <paramref name="LogReason"/>,
/// when given, is what the server's log records (e.g. the policy rule that decided); the client sees only the message.
/// </summary>
public sealed record McpAccessDenial(string Message, IReadOnlyList<string>? StepUpScopes = null, string? LogReason = null);
