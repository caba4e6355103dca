using System.Net;
using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Hosting.Authorization;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Admin;

/// <summary>A refusal of an administrator's endpoint: its status and a message that says what is missing.</summary>
internal sealed record AdminRefusal(int Status, string Error);

/// <summary>
/// Who may use the <c>/admin/...</c> endpoints: a holder of one of <c>Gateway:Policy:AdminRoles</c>; without an
/// authority configured (development mode), a loopback caller.
/// </summary>
internal static class AdminAccess
{
    /// <summary>The caller of <paramref name="context"/>, and why it may not use <paramref name="what"/> (null: it may).</summary>
    public static (McpPrincipal Caller, AdminRefusal? Refusal) Check(HttpContext context, string what)
    {
        var services = context.RequestServices;
        var auth = services.GetRequiredService<IOptions<McpAuthOptions>>().Value;
        var policy = services.GetRequiredService<AccessPolicy>();
        var caller = McpPrincipal.From(context.User, auth.RoleClients);
        return (caller, RefusalOf(context, auth, policy, caller, what));
    }

    private static AdminRefusal? RefusalOf(HttpContext context, McpAuthOptions auth, AccessPolicy policy, McpPrincipal caller, string what)
    {
        if (!auth.ValidatesTokens)
        {
            return context.Connection.RemoteIpAddress is { } remote && IsLoopback(remote)
                ? null
                : new AdminRefusal(StatusCodes.Status403Forbidden,
                    $"No authority is configured ({McpAuthOptions.SectionName}:Authority), so {what} is open to loopback callers only.");
        }

        if (!caller.IsAuthenticated)
        {
            return new AdminRefusal(StatusCodes.Status401Unauthorized,
                $"A bearer access token with one of the roles of {PolicyOptions.SectionName}:AdminRoles is required.");
        }

        return caller.Roles.Overlaps(policy.AdminRoles)
            ? null
            : new AdminRefusal(StatusCodes.Status403Forbidden,
                $"{char.ToUpperInvariant(what[0])}{what[1..]} is open to holders of one of the roles of {PolicyOptions.SectionName}:AdminRoles only, and the token has none of them.");
    }

    private static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
