using EnterpriseMcp.Hosting.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>
/// The default authorizer: a tools/call needs every scope of the tool's <see cref="RequiresScopeAttribute"/>s;
/// other requests need none.
/// </summary>
internal sealed class ToolScopeAuthorizer(IOptions<McpServerOptions> server) : IMcpRequestAuthorizer
{
    private readonly Lazy<IReadOnlyList<string>> _scopes = new(() =>
        [.. (server.Value.ToolCollection ?? []).SelectMany(ToolScopes.RequiredBy).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    public IReadOnlyList<string> ScopesSupported => _scopes.Value;

    public McpAccessDenial? Authorize(HttpContext context, JsonRpcRequest request)
    {
        if (request.Method != RequestMethods.ToolsCall
            || server.Value.ToolCollection is not { } tools
            || McpMessageFields.Target(request) is not { } name
            || !tools.TryGetPrimitive(name, out var tool))
        {
            return null;
        }

        var missing = ToolScopes.Missing(tool, ToolScopes.GrantedTo(context.User)).ToList();
        return missing.Count == 0
            ? null
            : new McpAccessDenial(
                $"Forbidden: the tool '{name}' requires the scope(s) {string.Join(", ", missing)}, which the access token does not grant.",
                ToolScopes.RequiredBy(tool));
    }
}
