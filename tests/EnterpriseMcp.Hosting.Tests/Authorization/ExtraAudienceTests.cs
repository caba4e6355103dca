using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Tests.Infrastructure;

namespace EnterpriseMcp.Hosting.Tests.Authorization;

/// <summary>
/// <c>Mcp:Auth:Audiences</c>: an issuer that names the API by an id of its own in <c>aud</c> (Entra ID's version 2 tokens
/// carry the API's client id) is accepted for what it lists, and only that; the resource URI still works.
/// </summary>
public sealed class ExtraAudienceTests : IAsyncLifetime
{
    private const string ApiClientId = "6f1c2b9e-3a7d-4c55-9e0b-1d2f3a4b5c6d";

    private TestTokenIssuer _issuer = null!;
    private ResourceServerTestApp _server = null!;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestTokenIssuer.StartAsync();
        _server = await ResourceServerTestApp.StartAsync(_issuer.Issuer,
            settings: new Dictionary<string, string?> { ["Mcp:Auth:Audiences:0"] = ApiClientId });
    }

    [Theory]
    [InlineData(ApiClientId, HttpStatusCode.OK)]
    [InlineData("{resource}", HttpStatusCode.OK)]
    [InlineData("0a0a0a0a-3a7d-4c55-9e0b-1d2f3a4b5c6d", HttpStatusCode.Unauthorized)]
    public async Task A_token_is_accepted_for_the_resource_or_a_listed_audience_only(string audience, HttpStatusCode expected)
    {
        var token = _issuer.Mint("alice", audience.Replace("{resource}", new Uri(_server.BaseAddress, "/mcp").ToString(), StringComparison.Ordinal), "notes.read");
        using var request = McpRequests.Stateless("tools/call", new JsonObject { ["name"] = "read_notes", ["arguments"] = new JsonObject() }, "read_notes");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await _server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _issuer.DisposeAsync();
    }
}
