using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Hosting.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseMcp.Gateway.Tests.Policy;

/// <summary>Who may ask the policy to explain itself: holders of an admin role, or in development mode loopback callers.</summary>
public sealed class PolicyExplainCallerTests
{
    private const string Body = """{"tool": "jira__get_issue"}""";

    [Fact]
    public async Task Without_an_authority_a_remote_caller_is_refused()
    {
        var (status, answer) = await ExplainAsync(authority: null, user: null, IPAddress.Parse("10.1.2.3"));

        Assert.Equal(StatusCodes.Status403Forbidden, status);
        Assert.Contains("loopback callers only", (string?)answer["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_the_caller_must_authenticate()
    {
        var (status, answer) = await ExplainAsync("https://idp.example.com", user: null, IPAddress.Loopback);

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
        Assert.Contains("Gateway:Policy:AdminRoles", (string?)answer["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_without_an_admin_role_is_forbidden()
    {
        var (status, _) = await ExplainAsync("https://idp.example.com", User(roles: "developer"), IPAddress.Loopback);

        Assert.Equal(StatusCodes.Status403Forbidden, status);
    }

    [Fact]
    public async Task An_admin_gets_an_explanation_of_their_own_token_from_anywhere()
    {
        var (status, answer) = await ExplainAsync("https://idp.example.com", User(roles: "admin", scope: "jira.read"), IPAddress.Parse("10.1.2.3"));

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.True((bool)answer["allowed"]!);
        Assert.Equal("root", (string?)answer["principal"]!["subject"]);
    }

    [Fact]
    public async Task An_admin_role_of_the_gateway_client_counts_when_it_is_a_role_client()
    {
        var keycloak = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "root"), new Claim("resource_access", """{"mcp-gateway": {"roles": ["admin"]}}""", "JSON")], "Bearer"));

        var (status, _) = await ExplainAsync("https://idp.example.com", keycloak, IPAddress.Loopback, roleClients: ["mcp-gateway"]);

        Assert.Equal(StatusCodes.Status200OK, status);
    }

    private static ClaimsPrincipal User(string roles, string? scope = null) => new(new ClaimsIdentity(
        [new Claim("sub", "root"), new Claim("roles", roles), .. scope is null ? Array.Empty<Claim>() : [new Claim("scope", scope)]], "Bearer"));

    private static async Task<(int Status, JsonNode Answer)> ExplainAsync(string? authority, ClaimsPrincipal? user, IPAddress remote,
        string[]? roleClients = null)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(ExamplePolicy.Settings()).Build())
            .Configure<McpAuthOptions>(auth =>
            {
                auth.Authority = authority;
                auth.RoleClients = roleClients ?? [];
            })
            .AddGatewayPolicy()
            .BuildServiceProvider();
        await using var _ = services;
        var context = new DefaultHttpContext { RequestServices = services };
        context.Connection.RemoteIpAddress = remote;
        context.User = user ?? new ClaimsPrincipal(new ClaimsIdentity());
        context.Request.Method = HttpMethods.Post;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(Body));
        var response = new MemoryStream();
        context.Response.Body = response;

        await PolicyExplainEndpoint.ExplainAsync(context);

        return (context.Response.StatusCode, JsonNode.Parse(response.ToArray())!);
    }
}
