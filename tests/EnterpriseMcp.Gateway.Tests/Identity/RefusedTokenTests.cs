using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text;
using EnterpriseMcp.Login;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EnterpriseMcp.Gateway.Tests.Identity;

/// <summary>
/// Every token the gateway must refuse gets 401 with a challenge pointing at its resource metadata: expired, not yet valid,
/// foreign issuer, foreign audience, bad signature, <c>alg: none</c>, HMAC keyed with the public key, unknown key id, none.
/// Forgeries are signed with the authorization server's real key where that is what makes them dangerous.
/// </summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class RefusedTokenTests(SecuredPlatform platform)
{
    [Fact]
    public async Task Tokens_that_must_be_refused_get_401_and_each_refusal_is_logged_without_the_token()
    {
        var key = platform.Identity.SigningKey();
        var audience = platform.GatewayResource;
        var valid = await platform.LoginAsync("bob");
        var forJira = await DevelopmentLogin.ClientCredentialsAsync(platform.Identity.Issuer, "mcp-gateway", SecuredPlatform.GatewayClientSecret, platform.JiraResource,
            cancellationToken: TestContext.Current.CancellationToken);
        using var otherKey = RSA.Create(2048);
        var refused = new Dictionary<string, string?>
        {
            ["expired"] = Sign(key, Claims(audience, notBefore: -3600, expires: -1800)),
            ["not yet valid"] = Sign(key, Claims(audience, notBefore: 1800, expires: 3600)),
            ["wrong issuer"] = Sign(key, Claims(audience, issuer: "http://127.0.0.1:1/evil")),
            ["wrong audience (a real token for Jira)"] = forJira,
            ["wrong audience (forged)"] = Sign(key, Claims(platform.JiraResource)),
            ["bad signature"] = Tamper(valid),
            ["signed by another key under the real kid"] = Sign(new RsaSecurityKey(otherKey) { KeyId = key.KeyId }, Claims(audience)),
            ["alg none"] = Unsigned(Claims(audience), key.KeyId),
            ["HMAC signed with the public key"] = HmacWithPublicKey(key, Claims(audience)),
            ["unknown kid"] = Sign(new RsaSecurityKey(otherKey) { KeyId = "not-published" }, Claims(audience)),
            ["missing"] = null,
        };

        using var http = new HttpClient();
        foreach (var (why, token) in refused)
        {
            using var response = await http.SendAsync(RawMcp.Request(platform.Gateway.Endpoint, "tools/list", null, token), TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {response.StatusCode}");
            Assert.Contains("resource_metadata=", Assert.Single(response.Headers.WwwAuthenticate).Parameter);
        }

        using var accepted = await http.SendAsync(RawMcp.Request(platform.Gateway.Endpoint, "tools/list", null, valid), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var logged = platform.GatewayLogs.Messages.Where(message => message.StartsWith("Refused a request", StringComparison.Ordinal)).ToList();
        Assert.Contains(logged, message => message.Contains("expired", StringComparison.Ordinal));
        Assert.Contains(logged, message => message.Contains("no bearer token", StringComparison.Ordinal));
        Assert.DoesNotContain(platform.GatewayLogs.Messages, message => refused.Values.Any(token => token is not null && message.Contains(token, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_tool_server_behind_the_gateway_refuses_a_valid_token_that_another_client_obtained_for_it()
    {
        // Signed with the authorization server's real key: what the identity server would issue to reporting-bot (or any
        // registered client) for Jira's audience if it were allowed to.
        var claims = Claims(platform.JiraResource);
        claims["client_id"] = "reporting-bot";
        claims["sub"] = "reporting-bot";
        var token = Sign(platform.Identity.SigningKey(), claims);

        using var http = new HttpClient();
        using var response = await http.SendAsync(RawMcp.Request(new Uri(platform.Jira.BaseAddress, "/mcp"), "tools/list", null, token), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not obtained by a client this resource accepts", Assert.Single(response.Headers.WwwAuthenticate).Parameter);
    }

    private JsonObject Claims(string audience, long notBefore = -60, long expires = 600, string? issuer = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new JsonObject
        {
            ["iss"] = issuer ?? platform.Identity.Issuer,
            ["aud"] = audience,
            ["sub"] = "mallory",
            ["client_id"] = "mallory-client",
            ["scope"] = "jira.read jira.write db.read db.write",
            ["realm_access"] = new JsonObject { ["roles"] = new JsonArray("admin") },
            ["iat"] = now + notBefore,
            ["nbf"] = now + notBefore,
            ["exp"] = now + expires,
            ["jti"] = Guid.NewGuid().ToString(),
        };
    }

    private static string Sign(SecurityKey key, JsonObject claims) =>
        new JsonWebTokenHandler().CreateToken(claims.ToJsonString(), new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            new Dictionary<string, object> { ["typ"] = "at+jwt" });

    private static string Unsigned(JsonObject claims, string kid) =>
        $"{Encode(new JsonObject { ["alg"] = "none", ["typ"] = "at+jwt", ["kid"] = kid })}.{Encode(claims)}.";

    // The classic key confusion: a verifier that took the RSA public key as an HMAC secret would accept this.
    private static string HmacWithPublicKey(JsonWebKey key, JsonObject claims)
    {
        using var rsa = RSA.Create(new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(key.N), Exponent = Base64UrlEncoder.DecodeBytes(key.E) });
        var signed = $"{Encode(new JsonObject { ["alg"] = "HS256", ["typ"] = "at+jwt", ["kid"] = key.KeyId })}.{Encode(claims)}";
        var signature = HMACSHA256.HashData(Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()), Encoding.ASCII.GetBytes(signed));
        return $"{signed}.{Base64UrlEncoder.Encode(signature)}";
    }

    // A valid token whose payload claims more than was signed.
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["scope"] = "jira.read jira.write db.read db.write";
        return $"{parts[0]}.{Encode(payload)}.{parts[2]}";
    }

    private static string Encode(JsonObject json) => Base64UrlEncoder.Encode(json.ToJsonString());
}
