using System.Net;
using System.Security.Claims;
using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>
/// JWT validation from <c>Mcp:Auth</c>: signature against the issuer's JWKS (cached, re-read on an unknown key id),
/// issuer, audience = this server's canonical URI (RFC 8707), lifetime. Claims keep their JWT names
/// (<c>sub</c>, <c>scope</c>, ...).
/// </summary>
internal sealed partial class JwtBearerSetup(IOptions<McpAuthOptions> auth, BearerChallenges challenges, ValidatedTokenCache validated,
    ILogger<JwtBearerSetup> logger)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == JwtBearerDefaults.AuthenticationScheme)
        {
            Configure(options);
        }
    }

    public void Configure(JwtBearerOptions options)
    {
        var settings = auth.Value;
        if (!settings.ValidatesTokens)
        {
            return;
        }

        var authority = settings.Authority!.Trim();
        options.Authority = authority;
        options.MetadataAddress = settings.MetadataAddress ?? $"{authority.TrimEnd('/')}/.well-known/openid-configuration";
        options.RequireHttpsMetadata = settings.RequireHttpsMetadata ?? !IsLoopback(authority);
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuers = SlashVariants(authority),
            ValidateAudience = true,
            ValidAudiences = [.. SlashVariants(settings.Resource!), .. settings.Audiences],
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            // Only the key the token names: a token whose kid the issuer does not publish is refused (after one
            // refresh of the key set), rather than tried against every key.
            TryAllIssuerSigningKeys = false,
            ValidTypes = settings.ValidTokenTypes,
            ClockSkew = settings.ClockSkew,
            NameClaimType = "preferred_username",
            RoleClaimType = "roles",
        };
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = UseValidatedToken,
            OnTokenValidated = RememberToken,
            OnChallenge = WriteChallengeAsync,
        };
    }

    private Task UseValidatedToken(MessageReceivedContext context)
    {
        if (BearerToken(context.Request) is { } token && validated.Find(token) is { } principal)
        {
            context.Principal = principal;
            context.Success();
        }

        return Task.CompletedTask;
    }

    private Task RememberToken(TokenValidatedContext context)
    {
        if (context.Principal is { } validPrincipal && !AcceptedClients.Allows(auth.Value.AcceptedClients, validPrincipal))
        {
            // Checked before the token is cached, so that a refused token is refused on every request.
            context.Fail(new UnacceptedClientException());
            return Task.CompletedTask;
        }

        if (BearerToken(context.Request) is { } token && context.Principal is { } principal)
        {
            // The identity keeps the token it came from (not every token handler honours SaveSigninToken), so that a
            // gateway can exchange it for a backend's token: it is never passed on itself.
            if (principal.Identity is ClaimsIdentity { BootstrapContext: null } identity)
            {
                identity.BootstrapContext = token;
            }

            validated.Add(token, principal, new DateTimeOffset(context.SecurityToken.ValidTo, TimeSpan.Zero));
        }

        return Task.CompletedTask;
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    private Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var failed = context.AuthenticateFailure is not null;
        LogRefused(logger, context.Request.Path, context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "?",
            failed ? DescribeFailure(context.AuthenticateFailure!) : "no bearer token");
        context.Response.Headers.WWWAuthenticate = failed
            ? challenges.Unauthorized("invalid_token", DescribeFailure(context.AuthenticateFailure!))
            : challenges.Unauthorized();
        return JsonRpcErrorResponse.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized,
            McpErrorCodes.ServerError,
            failed ? "Unauthorized: the access token is not valid here." : "Unauthorized: a bearer access token is required.");
    }

    // Enough for the caller to fix its token, without echoing validator internals.
    private static string DescribeFailure(Exception failure) => failure switch
    {
        SecurityTokenExpiredException => "The token expired",
        SecurityTokenInvalidAudienceException => "The token is not meant for this resource",
        SecurityTokenInvalidIssuerException => "The token comes from an issuer this resource does not trust",
        SecurityTokenNotYetValidException => "The token is not valid yet",
        SecurityTokenInvalidTypeException => "The token is not an access token (its typ is not accepted)",
        SecurityTokenSignatureKeyNotFoundException => "The token is signed with a key the issuer does not publish",
        SecurityTokenInvalidSignatureException => "The token signature is not valid",
        SecurityTokenInvalidAlgorithmException => "The token is signed with an algorithm that is not accepted",
        SecurityTokenMalformedException => "The token is not a well-formed JWT",
        UnacceptedClientException => "The token was not obtained by a client this resource accepts: call it through the gateway",
        _ => "The token could not be validated",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a request to {Path} from {Remote}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string path, string remote, string reason);

    private static string[] SlashVariants(string value) => [value.TrimEnd('/'), value.TrimEnd('/') + "/"];

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
}
