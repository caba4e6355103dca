using System.Net;
using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>
/// JWT validation from <c>Mcp:Auth</c>: signature against the issuer's JWKS (cached, re-read on an unknown key id),
/// issuer, audience = this server's canonical URI (RFC 8707), lifetime. Claims keep their JWT names
/// (<c>sub</c>, <c>scope</c>, ...).
/// </summary>
internal sealed class JwtBearerSetup(IOptions<McpAuthOptions> auth, BearerChallenges challenges, ValidatedTokenCache validated)
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
            ValidAudiences = SlashVariants(settings.Resource!),
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            // Only the key the token names: a token whose kid the issuer does not publish is refused (after one
            // refresh of the key set), rather than tried against every key.
            TryAllIssuerSigningKeys = false,
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
        if (BearerToken(context.Request) is { } token && context.Principal is { } principal)
        {
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
        _ => "The token could not be validated",
    };

    private static string[] SlashVariants(string value) => [value.TrimEnd('/'), value.TrimEnd('/') + "/"];

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
}
