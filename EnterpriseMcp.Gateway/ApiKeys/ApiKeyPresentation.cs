using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>
/// Where a caller puts its API key: <c>X-API-Key: emk_...</c>, or <c>Authorization: Bearer emk_...</c> for clients that
/// only know bearer tokens (the prefix tells it from a JWT). Decides which scheme authenticates a request.
/// </summary>
internal static class ApiKeyPresentation
{
    public const string HeaderName = "X-API-Key";

    /// <summary>The scheme for <paramref name="context"/>: API keys when one is presented, else null (the JWT scheme handles it).</summary>
    // Runs for every request, twice (authentication, then the authorization policy): it reads the header in place
    // rather than cutting the token out of it.
    public static string? SchemeFor(HttpContext context) =>
        context.Request.Headers.ContainsKey(HeaderName) || BearerPresentsKey(context.Request.Headers.Authorization.ToString())
            ? ApiKeyDefaults.Scheme
            : null;

    private static bool BearerPresentsKey(string header) =>
        header.AsSpan().StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
        && header.AsSpan(BearerPrefix.Length).TrimStart().StartsWith(ApiKeyFormat.Prefix, StringComparison.Ordinal);

    /// <summary>The presented key's text, or why the request does not present exactly one.</summary>
    public static (string? Text, string? Problem) Find(HttpRequest request)
    {
        var header = request.Headers[HeaderName];
        var bearer = BearerValue(request);
        if (header.Count == 0)
        {
            return ApiKeyFormat.IsPresented(bearer) ? (bearer, null) : (null, null);
        }

        if (header.Count > 1)
        {
            return (null, $"The request has more than one {HeaderName} header");
        }

        // Two credentials could name two callers: which one the gateway judged would be a guess.
        return request.Headers.Authorization.Count > 0
            ? (null, $"The request presents both an {HeaderName} header and an Authorization header; send one")
            : (header.ToString().Trim(), null);
    }

    private const string BearerPrefix = JwtBearerDefaults.AuthenticationScheme + " ";

    private static string? BearerValue(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : null;
    }
}
