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
    public static string? SchemeFor(HttpContext context) =>
        context.Request.Headers.ContainsKey(HeaderName) || ApiKeyFormat.IsPresented(BearerValue(context.Request))
            ? ApiKeyDefaults.Scheme
            : null;

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

    private static string? BearerValue(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith($"{JwtBearerDefaults.AuthenticationScheme} ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }
}
