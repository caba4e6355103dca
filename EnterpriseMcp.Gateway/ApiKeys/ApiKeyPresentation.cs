using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>
/// Where a caller puts its API key: <c>X-API-Key: emk_...</c>, or <c>Authorization: Bearer emk_...</c> for clients that
/// only know bearer tokens (the prefix tells it from a JWT). Decides which scheme authenticates a request.
/// </summary>
internal static class ApiKeyPresentation
{
    public const string HeaderName = "X-API-Key";

    private const string BearerPrefix = JwtBearerDefaults.AuthenticationScheme + " ";

    /// <summary>The scheme for <paramref name="context"/>: API keys when one is presented, else null (the JWT scheme handles it).</summary>
    // Runs twice for every request (authentication, then the authorization policy): it looks at the bearer value in
    // place rather than copying the token out of the header.
    public static string? SchemeFor(HttpContext context) =>
        context.Request.Headers.ContainsKey(HeaderName) || !BearerKey(context.Request).IsEmpty
            ? ApiKeyDefaults.Scheme
            : null;

    /// <summary>The presented key's text, or why the request does not present exactly one.</summary>
    public static (string? Text, string? Problem) Find(HttpRequest request)
    {
        var header = request.Headers[HeaderName];
        if (header.Count == 0)
        {
            var bearer = BearerKey(request);
            return bearer.IsEmpty ? (null, null) : (bearer.ToString(), null);
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

    /// <summary>The API key presented as the bearer credential (trimmed); empty when the request presents none that way.</summary>
    private static ReadOnlySpan<char> BearerKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var value = header.AsSpan(BearerPrefix.Length).Trim();
        return ApiKeyFormat.IsPresented(value) ? value : [];
    }
}
