using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EnterpriseMcp.Hosting.Tests.Authorization;

/// <summary>
/// Each identity provider's token shape, signed and validated as JwtBearer does it (claims under their JWT names),
/// comes down to the same principal.
/// </summary>
public sealed class McpPrincipalTests
{
    private const string Issuer = "https://idp.example.com/realms/corp";
    private const string Audience = "https://gateway.example.com/mcp";
    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "principal-tests" };

    [Fact]
    public async Task A_token_exchanged_by_a_gateway_names_its_outermost_actor_and_its_key_is_issuer_and_subject()
    {
        var user = await ValidatedAsync(new JsonObject
        {
            ["sub"] = "bob", ["client_id"] = "mcp-gateway", ["scope"] = "jira.read",
            ["act"] = new JsonObject { ["sub"] = "mcp-gateway", ["act"] = new JsonObject { ["sub"] = "edge-proxy" } },
        });

        var principal = McpPrincipal.From(user);

        Assert.Equal(("bob", "mcp-gateway"), (principal.Subject, principal.Actor));
        Assert.Equal($"{Issuer}|bob", principal.Key);
    }

    [Fact]
    public async Task Keycloak_realm_and_gateway_client_roles_scopes_and_group_paths()
    {
        var user = await ValidatedAsync(new JsonObject
        {
            ["sub"] = "alice", ["azp"] = "vscode", ["scope"] = "openid jira.read jira.write",
            ["realm_access"] = new JsonObject { ["roles"] = new JsonArray("developer", "offline_access") },
            ["resource_access"] = new JsonObject
            {
                ["mcp-gateway"] = new JsonObject { ["roles"] = new JsonArray("admin") },
                ["account"] = new JsonObject { ["roles"] = new JsonArray("manage-account") },
            },
            ["groups"] = new JsonArray("/platform", "/platform/sre"),
        });

        var principal = McpPrincipal.From(user, ["mcp-gateway"]);

        Assert.True(principal.IsAuthenticated);
        Assert.Equal(("alice", Issuer, "vscode"), (principal.Subject, principal.Issuer, principal.ClientId));
        Assert.Equal(["jira.read", "jira.write", "openid"], principal.Scopes.Order(StringComparer.Ordinal));
        Assert.Equal(["admin", "developer", "offline_access"], principal.Roles.Order(StringComparer.Ordinal));
        Assert.Equal(["/platform", "/platform/sre", "platform", "platform/sre"], principal.Groups.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Keycloak_client_roles_count_only_for_the_configured_role_clients()
    {
        var user = await ValidatedAsync(new JsonObject
        {
            ["sub"] = "bob",
            ["resource_access"] = new JsonObject { ["other-app"] = new JsonObject { ["roles"] = new JsonArray("admin") } },
        });

        Assert.Empty(McpPrincipal.From(user).Roles);
        Assert.Empty(McpPrincipal.From(user, ["mcp-gateway"]).Roles);
        Assert.Equal(["admin"], McpPrincipal.From(user, ["other-app"]).Roles);
    }

    [Fact]
    public async Task Entra_scp_string_app_roles_object_id_and_azp()
    {
        var user = await ValidatedAsync(new JsonObject
        {
            ["oid"] = "6f0c7a3e-0000-4000-8000-000000000001", ["azp"] = "entra-client", ["appid"] = "v1-client",
            ["scp"] = "Jira.Read Db.Read", ["roles"] = new JsonArray("Gateway.Admin", "Gateway.User"),
            ["groups"] = new JsonArray("0b7e4f51-0000-4000-8000-00000000000a"),
        });

        var principal = McpPrincipal.From(user);

        Assert.Equal(("6f0c7a3e-0000-4000-8000-000000000001", "entra-client"), (principal.Subject, principal.ClientId));
        Assert.Equal(["Db.Read", "Jira.Read"], principal.Scopes.Order(StringComparer.Ordinal));
        Assert.Equal(["Gateway.Admin", "Gateway.User"], principal.Roles.Order(StringComparer.Ordinal));
        Assert.Equal(["0b7e4f51-0000-4000-8000-00000000000a"], principal.Groups);
    }

    [Fact]
    public async Task Entra_v1_single_role_and_appid()
    {
        var user = await ValidatedAsync(new JsonObject { ["sub"] = "carol", ["appid"] = "v1-client", ["roles"] = "Gateway.Admin" });

        var principal = McpPrincipal.From(user);

        Assert.Equal("v1-client", principal.ClientId);
        Assert.Equal(["Gateway.Admin"], principal.Roles);
    }

    [Fact]
    public async Task Okta_scp_array_cid_and_groups()
    {
        var user = await ValidatedAsync(new JsonObject
        {
            ["sub"] = "dave@example.com", ["cid"] = "0oa-okta-client",
            ["scp"] = new JsonArray("jira.read", "db.read"), ["groups"] = new JsonArray("Everyone", "Engineering"),
        });

        var principal = McpPrincipal.From(user);

        Assert.Equal("0oa-okta-client", principal.ClientId);
        Assert.Equal(["db.read", "jira.read"], principal.Scopes.Order(StringComparer.Ordinal));
        Assert.Equal(["Engineering", "Everyone"], principal.Groups.Order(StringComparer.Ordinal));
        Assert.Empty(principal.Roles);
    }

    [Fact]
    public async Task Rfc9068_client_id_wins_over_azp()
    {
        var user = await ValidatedAsync(new JsonObject
        {
            ["sub"] = "erin", ["client_id"] = "rfc-client", ["azp"] = "other", ["scope"] = "db.read",
        });

        var principal = McpPrincipal.From(user);

        Assert.Equal(("erin", "rfc-client"), (principal.Subject, principal.ClientId));
        Assert.Equal(["db.read"], principal.Scopes);
    }

    [Fact]
    public void Null_and_unauthenticated_users_are_anonymous()
    {
        var unauthenticated = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("scope", "db.read")]));

        Assert.Same(McpPrincipal.Anonymous, McpPrincipal.From(null));
        Assert.Same(McpPrincipal.Anonymous, McpPrincipal.From(unauthenticated));
        Assert.False(McpPrincipal.Anonymous.IsAuthenticated);
        Assert.Null(McpPrincipal.Anonymous.Subject);
        Assert.Empty(McpPrincipal.Anonymous.Scopes);
    }

    [Fact]
    public async Task A_principal_is_read_once_per_role_client_list()
    {
        var user = await ValidatedAsync(new JsonObject { ["sub"] = "frank", ["scope"] = "jira.read" });
        string[] roleClients = ["mcp-gateway"];

        Assert.Same(McpPrincipal.From(user), McpPrincipal.From(user));
        Assert.Same(McpPrincipal.From(user, roleClients), McpPrincipal.From(user, roleClients));
        Assert.Same(McpPrincipal.From(user, []), McpPrincipal.From(user));
    }

    private static async Task<ClaimsPrincipal> ValidatedAsync(JsonObject claims)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        claims["iss"] = Issuer;
        claims["aud"] = Audience;
        claims["iat"] = now;
        claims["exp"] = now + 300;
        var handler = new JsonWebTokenHandler { MapInboundClaims = false };
        var token = handler.CreateToken(claims.ToJsonString(), new SigningCredentials(Key, SecurityAlgorithms.RsaSha256));
        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = Key,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return new ClaimsPrincipal(result.ClaimsIdentity);
    }
}
