using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>
/// A tools/call whose token lacks a scope the tool requires is refused at the HTTP layer with 403 and
/// <c>insufficient_scope</c>, so the client can step up (ask for the scope) instead of showing a tool error.
/// </summary>
internal sealed class ToolCallScopeCheck(IServiceProvider services)
{
    // Resolved lazily: only servers that called AddMcpResourceServer have challenges to give.
    private readonly Lazy<BearerChallenges?> _challenges = new(() => (BearerChallenges?)services.GetService(typeof(BearerChallenges)));

    public McpRequestRejection? Check(HttpContext context, JsonRpcMessage message, McpServerPrimitiveCollection<McpServerTool>? tools)
    {
        if (message is not JsonRpcRequest { Method: RequestMethods.ToolsCall } request
            || _challenges.Value is not { Options.ValidatesTokens: true } challenges
            || tools is null
            || McpMessageFields.Target(request) is not { } name
            || !tools.TryGetPrimitive(name, out var tool))
        {
            return null;
        }

        var missing = ToolScopes.Missing(tool, ToolScopes.GrantedTo(context.User)).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        context.Response.Headers[HeaderNames.WWWAuthenticate] = challenges.InsufficientScope(ToolScopes.RequiredBy(tool));
        return new(StatusCodes.Status403Forbidden, McpErrorCodes.ServerError,
            $"Forbidden: the tool '{name}' requires the scope(s) {string.Join(", ", missing)}, which the access token does not grant.");
    }
}
