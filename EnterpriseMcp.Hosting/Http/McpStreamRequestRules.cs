using EnterpriseMcp.Hosting.Configuration;
using EnterpriseMcp.Hosting.Protocol;
using EnterpriseMcp.Hosting.Validation;
using Microsoft.AspNetCore.Http;

namespace EnterpriseMcp.Hosting.Http;

/// <summary>
/// GET and DELETE exist only for 2025-generation sessions: a 2026-07-28 client, or a server that
/// issues no sessions, gets 405 with the one method that is allowed.
/// </summary>
internal static class McpStreamRequestRules
{
    public static McpRequestRejection? Validate(HttpContext context, OriginValidator origins, McpSessionMode mode)
    {
        var request = context.Request;
        if (origins.Validate(request) is { } forbidden)
        {
            return forbidden;
        }

        var version = request.Headers[McpHeaders.ProtocolVersion].ToString().Trim();
        if (ProtocolVersionValidator.ValidateHeader(version) is { } unsupported)
        {
            return unsupported;
        }

        if (McpProtocolVersion.IsStatelessGeneration(version) || mode == McpSessionMode.Stateless)
        {
            context.Response.Headers.Allow = HttpMethods.Post;
            return new(StatusCodes.Status405MethodNotAllowed, McpErrorCodes.ServerError,
                $"Method Not Allowed: {request.Method} needs a session, and this request has none; use POST.");
        }

        return null;
    }
}
