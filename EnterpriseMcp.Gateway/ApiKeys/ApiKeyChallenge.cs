using EnterpriseMcp.Hosting.Authorization;
using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;

namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>
/// The 401 of a refused API key, the JWT path's own: <c>WWW-Authenticate: Bearer error="invalid_token",
/// error_description="..."</c> with the resource metadata (RFC 9728), and a JSON-RPC error body.
/// </summary>
internal sealed class ApiKeyChallenge(BearerChallenges challenges)
{
    public Task WriteAsync(HttpContext context, string description)
    {
        context.Response.Headers.WWWAuthenticate = challenges.Unauthorized("invalid_token", description);
        return JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, McpErrorCodes.ServerError, $"Unauthorized: {description}.");
    }
}
