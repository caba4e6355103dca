using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EnterpriseMcp.Hosting.Authorization;
using Microsoft.Extensions.Options;
using ModelContextProtocol;

namespace EnterpriseMcp.Gateway.Credentials;

/// <summary>
/// Asks the authorization server's token endpoint for tokens as the gateway's own client (HTTP Basic, RFC 6749
/// §2.3.1): client credentials, and token exchange (RFC 8693). Finds the endpoint once, from the authority's
/// metadata, unless configured.
/// </summary>
internal sealed class TokenEndpointClient(IOptions<GatewayIdentityOptions> identity, IOptions<McpAuthOptions> auth, TimeProvider time) : IDisposable
{
    public const string TokenExchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange";
    public const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        AllowAutoRedirect = false,
        UseCookies = false,
    })
    {
        Timeout = TimeSpan.FromSeconds(15),
    };

    private readonly SemaphoreSlim _discovering = new(1, 1);
    private Uri? _endpoint;

    public Task<IssuedToken> ClientCredentialsAsync(string audience, string? scope, CancellationToken cancellationToken) =>
        RequestAsync(Target([new("grant_type", "client_credentials")], audience, scope), cancellationToken);

    public Task<IssuedToken> ExchangeAsync(string subjectToken, string audience, string? scope, CancellationToken cancellationToken) =>
        RequestAsync(Target(
            [
                new("grant_type", TokenExchangeGrant),
                new("subject_token", subjectToken),
                new("subject_token_type", AccessTokenType),
                new("requested_token_type", AccessTokenType),
            ], audience, scope), cancellationToken);

    // An absolute URI is a resource indicator (RFC 8707); anything else is a logical audience such as a Keycloak client id.
    private static List<KeyValuePair<string, string>> Target(List<KeyValuePair<string, string>> form, string audience, string? scope)
    {
        form.Add(new(Uri.TryCreate(audience, UriKind.Absolute, out _) ? "resource" : "audience", audience));
        if (!string.IsNullOrWhiteSpace(scope))
        {
            form.Add(new("scope", scope));
        }

        return form;
    }

    private async Task<IssuedToken> RequestAsync(List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var settings = identity.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, await EndpointAsync(cancellationToken))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{Uri.EscapeDataString(settings.ClientId!)}:{Uri.EscapeDataString(settings.ClientSecret ?? "")}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await _http.SendAsync(request, cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        var root = body.RootElement;
        if (!response.IsSuccessStatusCode || !root.TryGetProperty("access_token", out var token) || token.GetString() is not { Length: > 0 } accessToken)
        {
            var error = root.TryGetProperty("error", out var code) ? code.GetString() : $"HTTP {(int)response.StatusCode}";
            var description = root.TryGetProperty("error_description", out var text) ? $" ({text.GetString()})" : "";
            throw new TokenRequestException($"{error}{description}");
        }

        var lifetime = root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromMinutes(1);
        var renewBefore = settings.RenewBefore < lifetime / 2 ? settings.RenewBefore : lifetime / 2;
        return new IssuedToken(accessToken, time.GetUtcNow() + lifetime - renewBefore);
    }

    private async ValueTask<Uri> EndpointAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _endpoint) is { } known)
        {
            return known;
        }

        await _discovering.WaitAsync(cancellationToken);
        try
        {
            return _endpoint ??= await DiscoverAsync(cancellationToken);
        }
        finally
        {
            _discovering.Release();
        }
    }

    private async Task<Uri> DiscoverAsync(CancellationToken cancellationToken)
    {
        var settings = identity.Value;
        if (settings.TokenEndpoint is { Length: > 0 } configured)
        {
            return new Uri(configured);
        }

        var authority = (settings.Authority ?? auth.Value.Authority ?? throw new TokenRequestException("no authority is configured")).TrimEnd('/');
        using var metadata = JsonDocument.Parse(await _http.GetStreamAsync($"{authority}/.well-known/openid-configuration", cancellationToken));
        return metadata.RootElement.TryGetProperty("token_endpoint", out var endpoint) && Uri.TryCreate(endpoint.GetString(), UriKind.Absolute, out var uri)
            ? uri
            : throw new TokenRequestException($"the authority's metadata names no token_endpoint");
    }

    public void Dispose()
    {
        _http.Dispose();
        _discovering.Dispose();
    }
}

/// <summary>The authorization server would not give the gateway a token; the message says why (its error code and description).</summary>
internal sealed class TokenRequestException(string message) : McpException(message);
