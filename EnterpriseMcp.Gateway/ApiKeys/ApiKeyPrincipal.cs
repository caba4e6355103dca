using System.Security.Claims;

namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>
/// The caller an API key stands for, in the claims a JWT would carry (<c>sub</c>, <c>iss</c>, <c>client_id</c>,
/// <c>scope</c>, <c>roles</c>), so the policy, the rate limits and the audit read it as they read any token's caller.
/// </summary>
internal static class ApiKeyPrincipal
{
    public static ClaimsPrincipal Create(ApiKey key)
    {
        List<Claim> claims =
        [
            Claim("sub", key.Name),
            Claim("iss", ApiKeyDefaults.Issuer),
            Claim("client_id", key.Id),
        ];
        if (key.Scopes.Count > 0)
        {
            claims.Add(Claim("scope", string.Join(' ', key.Scopes)));
        }

        claims.AddRange(key.Roles.Select(role => Claim("roles", role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyDefaults.Scheme, "sub", "roles"));
    }

    /// <summary>Whether <paramref name="user"/> authenticated with an API key (and so has no token of its own to exchange).</summary>
    public static bool IsApiKey(ClaimsPrincipal user) =>
        user.Identity is ClaimsIdentity { IsAuthenticated: true, AuthenticationType: ApiKeyDefaults.Scheme };

    private static Claim Claim(string type, string value) => new(type, value, ClaimValueTypes.String, ApiKeyDefaults.Issuer);
}
