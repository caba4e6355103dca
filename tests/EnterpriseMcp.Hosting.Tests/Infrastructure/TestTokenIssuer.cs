using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EnterpriseMcp.Hosting.Tests.Infrastructure;

/// <summary>
/// An OpenID issuer on loopback that publishes its discovery document and JWKS and mints RS256 access
/// tokens, so resource-server tests exercise real signature, issuer, audience and lifetime validation.
/// (The full authorization server, oidc-provider, arrives with the identity issue.)
/// </summary>
public sealed class TestTokenIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;
    private readonly JsonWebTokenHandler _handler = new();

    private TestTokenIssuer(WebApplication app, RsaSecurityKey key, string issuer)
    {
        _app = app;
        _key = key;
        Issuer = issuer;
    }

    public string Issuer { get; }

    /// <summary>How many times the JWKS was fetched: validators must cache it.</summary>
    public int JwksRequests { get; private set; }

    public static async Task<TestTokenIssuer> StartAsync()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key-1" };
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TestTokenIssuer? issuer = null;
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new JsonObject
        {
            ["issuer"] = issuer!.Issuer,
            ["jwks_uri"] = issuer.Issuer + "/jwks",
            ["token_endpoint"] = issuer.Issuer + "/token",
        }));
        app.MapGet("/jwks", () =>
        {
            issuer!.JwksRequests++;
            return Results.Json(Jwks(key));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        issuer = new TestTokenIssuer(app, key, address.TrimEnd('/'));
        return issuer;
    }

    public string Mint(string subject, string audience, string? scope = null, TimeSpan? lifetime = null,
        string? issuer = null, SecurityKey? signingKey = null, DateTime? notBefore = null, string tokenType = "at+jwt",
        IReadOnlyDictionary<string, object>? extraClaims = null)
    {
        var now = DateTime.UtcNow;
        var start = notBefore ?? now.AddMinutes(-1);
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["preferred_username"] = subject };
        if (scope is not null)
        {
            claims["scope"] = scope;
        }

        foreach (var (name, value) in extraClaims ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = tokenType,
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = start,
            NotBefore = start,
            Expires = start + (lifetime ?? TimeSpan.FromMinutes(10)),
            SigningCredentials = new SigningCredentials(signingKey ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>
    /// A token built by hand, for the forgeries a library would refuse to make: <paramref name="alg"/> in the
    /// header, and the signature <paramref name="sign"/> computes over <c>header.payload</c> (none: empty).
    /// </summary>
    public string Forge(string audience, string alg, Func<byte[], byte[]>? sign = null, string? kid = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = alg, ["typ"] = "at+jwt" };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        var payload = new JsonObject
        {
            ["iss"] = Issuer, ["aud"] = audience, ["sub"] = "mallory", ["scope"] = "notes.read notes.write",
            ["iat"] = now - 60, ["nbf"] = now - 60, ["exp"] = now + 600,
        };
        var signed = $"{Base64UrlEncoder.Encode(header.ToJsonString())}.{Base64UrlEncoder.Encode(payload.ToJsonString())}";
        var signature = sign is null ? "" : Base64UrlEncoder.Encode(sign(System.Text.Encoding.ASCII.GetBytes(signed)));
        return $"{signed}.{signature}";
    }

    /// <summary>The public key as an attacker would find it, in PEM: the classic HS256 key-confusion secret.</summary>
    public byte[] PublicKeyPem() => System.Text.Encoding.ASCII.GetBytes(_key.Rsa.ExportSubjectPublicKeyInfoPem());

    /// <summary>A correctly signed token whose header names a key id the JWKS does not publish.</summary>
    public string SignedWithUnknownKid(string audience) =>
        Forge(audience, "RS256", data => _key.Rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), kid: "not-published");

    private static JsonObject Jwks(RsaSecurityKey key)
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            }),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
