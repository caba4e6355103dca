using System.Runtime.CompilerServices;
using System.Security.Claims;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>The scopes a tool requires (its <see cref="RequiresScopeAttribute"/>s) and the scopes a caller's token grants.</summary>
internal static class ToolScopes
{
    private static readonly ConditionalWeakTable<McpServerTool, string[]> Required = [];

    public static string[] RequiredBy(McpServerTool tool) =>
        Required.GetValue(tool, static t => [.. t.Metadata.OfType<RequiresScopeAttribute>().Select(a => a.Scope).Distinct(StringComparer.Ordinal)]);

    /// <summary>The scopes the caller's token grants, as <see cref="McpPrincipal"/> reads them.</summary>
    public static IReadOnlySet<string> GrantedTo(ClaimsPrincipal? user) => McpPrincipal.From(user).Scopes;

    /// <summary>The required scopes the caller lacks; empty when the tool may be called.</summary>
    public static IEnumerable<string> Missing(McpServerTool tool, IReadOnlySet<string> granted) =>
        RequiredBy(tool).Where(scope => !granted.Contains(scope));
}
