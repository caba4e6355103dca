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
}
