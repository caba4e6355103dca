using System.Security.Claims;
using EnterpriseMcp.Hosting.Authorization;

namespace EnterpriseMcp.Hosting.Sessions;

/// <summary>
/// Identifies the user a session belongs to: the caller's <see cref="McpPrincipal.Key"/>, its subject together with its
/// issuer, since two identity providers may hand out the same subject.
/// </summary>
internal static class McpUserKey
{
    public static string? From(ClaimsPrincipal? user) => McpPrincipal.From(user).Key;
}
