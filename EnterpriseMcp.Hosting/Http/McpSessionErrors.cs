using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Configuration;
using EnterpriseMcp.Hosting.Protocol;
using EnterpriseMcp.Hosting.Sessions;
using Microsoft.AspNetCore.Http;

namespace EnterpriseMcp.Hosting.Http;

/// <summary>The answers for a request whose session cannot be served.</summary>
internal static class McpSessionErrors
{
    public static readonly McpRequestRejection Missing = new(StatusCodes.Status400BadRequest, McpErrorCodes.ServerError,
        $"Bad Request: the {McpHeaders.SessionId} header is required; start a session with an initialize request.");

    public static readonly McpRequestRejection NotFound = new(StatusCodes.Status404NotFound, McpErrorCodes.SessionNotFound,
        "Session not found: it ended or expired; start a new one with an initialize request.");

    public static readonly McpRequestRejection OtherUser = new(StatusCodes.Status403Forbidden, McpErrorCodes.ServerError,
        "Forbidden: the session belongs to another user.");

    public static McpRequestRejection? For(McpSessionLookupStatus status) => status switch
    {
        McpSessionLookupStatus.NotFound => NotFound,
        McpSessionLookupStatus.OtherUser => OtherUser,
        _ => null,
    };

    // 429, not 403: the caller is allowed sessions and gets one again once one of its own ends, and a 403 would send
    // an OAuth client into a step-up authorization that cannot help.
    public static McpRequestRejection TooManySessions(int limit) => new(StatusCodes.Status429TooManyRequests,
        McpErrorCodes.ServerError,
        $"Too many sessions: this user already has {limit} open sessions, the limit ({McpHttpOptions.SectionName}:{nameof(McpHttpOptions.MaxSessionsPerUser)}); " +
        "end one with DELETE or let one expire.",
        new JsonObject { ["limit"] = limit, ["setting"] = $"{McpHttpOptions.SectionName}:{nameof(McpHttpOptions.MaxSessionsPerUser)}" });
}
