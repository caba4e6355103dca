using System.Collections.Concurrent;
using System.Security.Claims;
using EnterpriseMcp.Gateway.ApiKeys;
using EnterpriseMcp.Gateway.Configuration;
using EnterpriseMcp.Hosting.Authorization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Credentials;

/// <summary>
/// The tokens the gateway presents to backends, each for that backend's audience: a user's, obtained by token
/// exchange and cached per user, scopes and backend until shortly before it expires; and the gateway's own, by
/// client credentials, cached per backend, which is also what a call by an API key's caller gets (it has no user token to
/// exchange). Concurrent calls that need the same token wait for one request.
/// </summary>
internal sealed partial class BackendTokens(TokenEndpointClient endpoint, IOptions<GatewayIdentityOptions> identity,
    IOptions<McpAuthOptions> auth, TimeProvider time, ILogger<BackendTokens> logger)
{
    // Bounded: past this many entries the cache starts over rather than growing with every user.
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Task<IssuedToken>> _tokens = new(StringComparer.Ordinal);

    /// <summary>What a backend configured with <paramref name="configured"/> actually gets.</summary>
    public BackendAuth Resolve(BackendAuth configured) => configured switch
    {
        BackendAuth.Auto when identity.Value.HasClient && auth.Value.ValidatesTokens => BackendAuth.TokenExchange,
        BackendAuth.Auto when identity.Value.HasClient => BackendAuth.ClientCredentials,
        BackendAuth.Auto => BackendAuth.None,
        _ => configured,
    };

    /// <summary>The token to send <paramref name="backend"/> for a call by <paramref name="user"/> (null: the gateway's own calls), or none.</summary>
    public async ValueTask<string?> ForAsync(string backend, BackendOptions options, ClaimsPrincipal? user, CancellationToken cancellationToken)
    {
        var mode = Resolve(options.Auth);
        if (mode == BackendAuth.None)
        {
            return null;
        }

        var audience = options.Audience ?? options.Url!;
        var scope = options.Scopes is { Length: > 0 } scopes ? string.Join(' ', scopes) : null;
        // A caller with an API key has no token to exchange: the gateway's policy has judged the key, and the backend
        // gets the gateway's own client-credentials token, as it does for the gateway's own calls.
        if (mode == BackendAuth.TokenExchange && user is not null && !ApiKeyPrincipal.IsApiKey(user))
        {
            var subjectToken = (user.Identity as ClaimsIdentity)?.BootstrapContext as string
                ?? throw new TokenRequestException("the caller's token is not available to exchange");
            var key = $"x\n{backend}\n{audience}\n{UserKey(user)}\n{scope}";
            return (await GetAsync(key, backend, ct => endpoint.ExchangeAsync(subjectToken, audience, scope, ct), cancellationToken)).AccessToken;
        }

        return (await GetAsync($"c\n{backend}\n{audience}\n{scope}", backend,
            ct => endpoint.ClientCredentialsAsync(audience, scope, ct), cancellationToken)).AccessToken;
    }

    // One user with one set of scopes: a token that gained a scope (step-up) gets a new exchange, not the old one's token.
    private static string UserKey(ClaimsPrincipal user)
    {
        var caller = McpPrincipal.From(user);
        return $"{caller.Key}\n{string.Join(' ', caller.Scopes.Order(StringComparer.Ordinal))}";
    }

    /// <summary>A backend refused the gateway's own token: the next call asks for a new one.</summary>
    public void ForgetGatewayToken(string backend, BackendOptions options) =>
        _tokens.TryRemove($"c\n{backend}\n{options.Audience ?? options.Url!}\n{(options.Scopes is { Length: > 0 } s ? string.Join(' ', s) : null)}", out _);

    private async Task<IssuedToken> GetAsync(string key, string backend, Func<CancellationToken, Task<IssuedToken>> request, CancellationToken cancellationToken)
    {
        while (true)
        {
            var pending = _tokens.GetOrAdd(key, _ => RequestAsync(key, backend, request));
            IssuedToken token;
            try
            {
                token = await pending.WaitAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _tokens.TryRemove(new(key, pending));
                throw e as TokenRequestException ?? new TokenRequestException($"the authorization server could not be reached ({e.GetType().Name})");
            }

            if (token.RenewAt > time.GetUtcNow())
            {
                return token;
            }

            _tokens.TryRemove(new(key, pending));
        }
    }

    // Not tied to one caller's cancellation: other calls may be waiting for the same token.
    private Task<IssuedToken> RequestAsync(string key, string backend, Func<CancellationToken, Task<IssuedToken>> request)
    {
        if (_tokens.Count >= Capacity)
        {
            _tokens.Clear();
        }

        LogRequesting(logger, key[0] == 'x' ? "token exchange" : "client credentials", backend);
        return request(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Requesting a token for backend '{Backend}' by {Grant}")]
    private static partial void LogRequesting(ILogger logger, string grant, string backend);
}
