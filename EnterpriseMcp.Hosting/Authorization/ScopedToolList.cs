using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>
/// tools/list shows only what the caller's scopes let it call, so a client never offers its model a tool
/// that would be refused; each tool shown declares the scopes it requires (<see cref="ToolScopes.MetaKey"/>).
/// </summary>
internal static class ScopedToolList
{
    public static readonly McpRequestFilter<ListToolsRequestParams, ListToolsResult> Filter =
        next => async (request, cancellationToken) =>
        {
            var result = await next(request, cancellationToken);
            var tools = request.Server.ServerOptions.ToolCollection;
            if (tools is null)
            {
                return result;
            }

            var granted = ToolScopes.GrantedTo(request.User);
            result.Tools = [.. result.Tools.Where(listed => Shows(tools, listed, granted))];
            return result;
        };

    private static bool Shows(McpServerPrimitiveCollection<McpServerTool> tools, Tool listed, IReadOnlySet<string> granted)
    {
        if (!tools.TryGetPrimitive(listed.Name, out var tool))
        {
            return true;
        }

        ToolScopes.Declare(tool, listed);
        return !ToolScopes.Missing(tool, granted).Any();
    }
}
