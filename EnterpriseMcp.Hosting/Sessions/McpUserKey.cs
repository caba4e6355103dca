using System.Security.Claims;

namespace EnterpriseMcp.Hosting.Sessions;

/// <summary>
/// Identifies the user a session belongs to: the subject together with its issuer, since two
/// identity providers may hand out the same subject.
/// </summary>
internal static class McpUserKey
{
    public static string? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var subject = user.FindFirst(ClaimTypes.NameIdentifier) ?? user.FindFirst("sub") ?? user.FindFirst(ClaimTypes.Upn)
            ?? user.FindFirst(ClaimTypes.Name);
        return subject is null ? null : $"{subject.Issuer}|{subject.Value}";
    }
}
