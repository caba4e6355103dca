using EnterpriseMcp.Hosting.Configuration;
using EnterpriseMcp.Hosting.Protocol;
using EnterpriseMcp.Hosting.Sessions;
using EnterpriseMcp.Hosting.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Hosting.Http;

/// <summary>DELETE /mcp: the client ends its session; later requests naming it get 404.</summary>
internal sealed class McpDeleteHandler(IOptions<McpHttpOptions> options, OriginValidator origins, McpSessionManager sessions)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (McpStreamRequestRules.Validate(context, origins, options.Value.SessionMode) is { } refused)
        {
            await refused.WriteAsync(context);
            return;
        }

        var sessionId = context.Request.Headers[McpHeaders.SessionId].ToString();
        if (sessionId.Length == 0)
        {
            await McpSessionErrors.Missing.WriteAsync(context);
            return;
        }

        var lookup = await sessions.FindAsync(sessionId, McpUserKey.From(context.User), context.RequestAborted);
        using var lease = lookup.Lease;
        if (McpSessionErrors.For(lookup.Status) is { } notServed)
        {
            await notServed.WriteAsync(context);
            return;
        }

        await sessions.EndAsync(sessionId, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
