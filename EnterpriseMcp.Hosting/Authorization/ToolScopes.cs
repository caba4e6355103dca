using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>The scopes a tool requires (its <see cref="RequiresScopeAttribute"/>s) and the scopes a caller's token grants.</summary>
internal static class ToolScopes
{
    /// <summary>
    /// The <c>_meta</c> key under which a listed tool declares its scopes, shaped as the OpenAI Apps SDK's tool
    /// <c>securitySchemes</c> (<c>[{"type":"oauth2","scopes":[...]}]</c>), so a gateway in front knows what the tool
    /// will demand of a caller's token before it forwards a call.
    /// </summary>
    public const string MetaKey = "securitySchemes";

    private static readonly ConditionalWeakTable<McpServerTool, string[]> Required = [];
    private static readonly Lock Declaring = new();

    public static string[] RequiredBy(McpServerTool tool) =>
        Required.GetValue(tool, static t => [.. t.Metadata.OfType<RequiresScopeAttribute>().Select(a => a.Scope).Distinct(StringComparer.Ordinal)]);

    /// <summary>The scopes the caller's token grants, as <see cref="McpPrincipal"/> reads them.</summary>
    public static IReadOnlySet<string> GrantedTo(ClaimsPrincipal? user) => McpPrincipal.From(user).Scopes;

    /// <summary>The required scopes the caller lacks; empty when the tool may be called.</summary>
    public static IEnumerable<string> Missing(McpServerTool tool, IReadOnlySet<string> granted) =>
        RequiredBy(tool).Where(scope => !granted.Contains(scope));

    /// <summary>
    /// Writes the tool's required scopes into its listing once. The listing is shared by every tools/list, so it is
    /// written under a lock and only while absent: a list is serialized only after its filter passed here.
    /// </summary>
    public static void Declare(McpServerTool tool, Tool listed)
    {
        var scopes = RequiredBy(tool);
        if (scopes.Length == 0)
        {
            return;
        }

        lock (Declaring)
        {
            if (listed.Meta?.ContainsKey(MetaKey) == true)
            {
                return;
            }

            (listed.Meta ??= [])[MetaKey] = new JsonArray(new JsonObject
            {
                ["type"] = "oauth2",
                ["scopes"] = new JsonArray([.. scopes.Select(scope => (JsonNode)scope)]),
            });
        }
    }
}
