using System.Net;
using System.Net.Http.Headers;
using EnterpriseMcp.Hosting.Tests.Infrastructure;

namespace EnterpriseMcp.Hosting.Tests.Authorization;

/// <summary>
/// A tool server behind the gateway (<c>Mcp:Auth:AcceptedClients</c>) takes only tokens the gateway obtained for it, so a
/// token another client got for the tool server's audience cannot step around the gateway's policy.
/// </summary>
public sealed class AcceptedClientsTests : IAsyncLifetime
{
    private TestTokenIssuer _issuer = null!;
    private ResourceServerTestApp _server = null!;

    private string Resource => new Uri(_server.BaseAddress, "/mcp").ToString();

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestTokenIssuer.StartAsync();
        _server = await ResourceServerTestApp.StartAsync(_issuer.Issuer,
            settings: new Dictionary<string, string?> { ["Mcp:Auth:AcceptedClients:0"] = "mcp-gateway" });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    [Fact]
    public async Task A_token_another_client_obtained_for_this_audience_is_refused_with_a_clear_401()
    {
        var token = _issuer.Mint("reporting-bot", Resource, "notes.read", extraClaims: new Dictionary<string, object> { ["client_id"] = "reporting-bot" });

        using var response = await SendAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate).Parameter;
        Assert.Contains("error=\"invalid_token\"", challenge);
        Assert.Contains("not obtained by a client this resource accepts", challenge);
        // Refused again: a refused token must not be remembered as valid.
        using var again = await SendAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task A_token_naming_no_client_is_refused()
    {
        using var response = await SendAsync(_issuer.Mint("alice", Resource, "notes.read"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_actor_claim_naming_another_client_does_not_help()
    {
        var token = _issuer.Mint("alice", Resource, "notes.read", extraClaims: new Dictionary<string, object>
        {
            ["client_id"] = "some-mcp-client", ["act"] = new Dictionary<string, object> { ["sub"] = "reporting-bot" },
        });

        using var response = await SendAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_the_gateway_exchanged_for_a_user_is_accepted()
    {
        var token = _issuer.Mint("alice", Resource, "notes.read", extraClaims: new Dictionary<string, object>
        {
            ["client_id"] = "some-mcp-client", ["act"] = new Dictionary<string, object> { ["sub"] = "mcp-gateway" },
        });

        using var response = await SendAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_gateways_own_client_credentials_token_is_accepted()
    {
        var token = _issuer.Mint("mcp-gateway", Resource, "notes.read", extraClaims: new Dictionary<string, object> { ["azp"] = "mcp-gateway" });

        using var response = await SendAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<HttpResponseMessage> SendAsync(string token)
    {
        var request = McpRequests.Stateless("tools/list");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _server.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
