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

    /// <summary>
    /// Scopes from <c>scope</c> (RFC 8693/9068: one space-separated string) and <c>scp</c> (Entra: a string;
    /// Okta: an array, which arrives as one claim per value).
    /// </summary>
    public static HashSet<string> GrantedTo(ClaimsPrincipal? user)
    {
        var granted = new HashSet<string>(StringComparer.Ordinal);
        if (user is null)
        {
            return granted;
        }

        foreach (var claim in user.Claims)
        {
            if (claim.Type is "scope" or "scp")
            {
                granted.UnionWith(claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return granted;
    }

    /// <summary>The required scopes the caller lacks; empty when the tool may be called.</summary>
    public static IEnumerable<string> Missing(McpServerTool tool, HashSet<string> granted) =>
        RequiredBy(tool).Where(scope => !granted.Contains(scope));
}
