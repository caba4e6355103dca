using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace EnterpriseMcp.Hosting.Sessions;

internal static class McpSessionId
{
    /// <summary>128 random bits, base64url: visible ASCII as the spec requires, and unguessable.</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return WebEncoders.Base64UrlEncode(bytes);
    }
}
