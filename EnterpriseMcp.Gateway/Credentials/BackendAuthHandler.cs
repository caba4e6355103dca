using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using EnterpriseMcp.Gateway.Configuration;

namespace EnterpriseMcp.Gateway.Credentials;

/// <summary>
/// Puts the backend's own token on each request the gateway sends it: the user's exchanged token when the request
/// is made for a user (<see cref="OnBehalfOf"/>), else the gateway's own. Whatever <c>Authorization</c> the
/// client sent the gateway never gets here: requests to backends are built from scratch.
/// </summary>
internal sealed class BackendAuthHandler(string backend, BackendOptions options, BackendTokens tokens, HttpMessageHandler inner)
    : DelegatingHandler(inner)
{
    /// <summary>The user a request is made for.</summary>
    public static readonly HttpRequestOptionsKey<ClaimsPrincipal> OnBehalfOf = new("EnterpriseMcp.OnBehalfOf");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var user = request.Options.TryGetValue(OnBehalfOf, out var caller) ? caller : null;
        if (await tokens.ForAsync(backend, options, user, cancellationToken) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized && user is null)
        {
            // The backend no longer takes the gateway's token (keys rotated, token revoked): the next request gets a new one.
            tokens.ForgetGatewayToken(backend, options);
        }

        return response;
    }
}
