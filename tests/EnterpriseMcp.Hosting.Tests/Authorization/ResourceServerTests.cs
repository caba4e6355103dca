using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Security.Cryptography;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace EnterpriseMcp.Hosting.Tests.Authorization;

public sealed class ResourceServerTests : IAsyncLifetime
{
    private TestTokenIssuer _issuer = null!;
    private ResourceServerTestApp _server = null!;

    private string Resource => new Uri(_server.BaseAddress, "/mcp").ToString();

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestTokenIssuer.StartAsync();
        _server = await ResourceServerTestApp.StartAsync(_issuer.Issuer);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    [Fact]
    public async Task A_request_without_a_token_gets_401_pointing_at_the_resource_metadata()
    {
        using var response = await _server.Client.SendAsync(McpRequests.Stateless("tools/list"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains($"resource_metadata=\"{_server.BaseAddress}.well-known/oauth-protected-resource/mcp\"", challenge.Parameter);
        Assert.Contains("scope=\"notes.read notes.write\"", challenge.Parameter);
        Assert.DoesNotContain("error=", challenge.Parameter);
    }

    [Fact]
    public async Task The_protected_resource_metadata_names_the_resource_its_issuer_and_the_tool_scopes()
    {
        foreach (var path in new[] { "/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource" })
        {
            using var response = await _server.Client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var metadata = await McpResponses.ReadJsonAsync(response);
            Assert.Equal(Resource, (string?)metadata["resource"]);
            Assert.Equal(_issuer.Issuer, (string?)metadata["authorization_servers"]![0]);
            Assert.Equal(["notes.read", "notes.write"], metadata["scopes_supported"]!.AsArray().Select(s => (string?)s));
            Assert.Equal("header", (string?)metadata["bearer_methods_supported"]![0]);
        }
    }

    [Fact]
    public async Task Tools_list_shows_only_the_tools_the_token_scopes_allow()
    {
        Assert.Equal(["ping"], await ListToolsAsync(scope: null));
        Assert.Equal(["ping", "read_notes"], await ListToolsAsync("notes.read"));
        Assert.Equal(["ping", "read_notes", "write_note"], await ListToolsAsync("notes.read notes.write"));
    }

    [Fact]
    public async Task Each_listed_tool_declares_the_scopes_it_requires_as_oauth2_security_schemes()
    {
        using var response = await SendAsync(McpRequests.Stateless("tools/list"), _issuer.Mint("lister", Resource, "notes.read notes.write"));
        var tools = (await McpResponses.ReadAnswerAsync(response))["result"]!["tools"]!.AsArray().ToDictionary(tool => (string)tool!["name"]!);

        Assert.Equal("""[{"type":"oauth2","scopes":["notes.read","notes.write"]}]""", tools["write_note"]!["_meta"]!["securitySchemes"]!.ToJsonString());
        Assert.Equal("""[{"type":"oauth2","scopes":["notes.read"]}]""", tools["read_notes"]!["_meta"]!["securitySchemes"]!.ToJsonString());
        Assert.Null(tools["ping"]!["_meta"]?["securitySchemes"]);
    }

    [Fact]
    public async Task A_tool_call_with_the_scope_runs_as_the_token_subject()
    {
        using var response = await SendAsync(CallReadNotes(), _issuer.Mint("alice", Resource, "notes.read"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await McpResponses.ReadAnswerAsync(response);
        Assert.Equal("notes of alice", (string?)answer["result"]!["content"]![0]!["text"]);
    }

    [Fact]
    public async Task A_tool_call_without_a_required_scope_gets_403_insufficient_scope_naming_all_the_tool_needs()
    {
        var write = McpRequests.Stateless("tools/call", new JsonObject { ["name"] = "write_note", ["arguments"] = new JsonObject { ["text"] = "x" } }, name: "write_note");
        using var response = await SendAsync(write, _issuer.Mint("bob", Resource, "notes.read"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate).Parameter;
        Assert.Contains("error=\"insufficient_scope\"", challenge);
        Assert.Contains("scope=\"notes.read notes.write\"", challenge);
        Assert.Contains("resource_metadata=", challenge);
        var error = await McpResponses.ReadJsonAsync(response);
        Assert.Equal(1, (int?)error["id"]);
        Assert.Contains("notes.write", (string?)error["error"]!["message"]);
    }

    [Fact]
    public async Task A_tool_call_in_a_2025_session_is_held_to_the_same_scopes()
    {
        await using var stateful = await ResourceServerTestApp.StartAsync(_issuer.Issuer,
            settings: new Dictionary<string, string?> { ["Mcp:Http:SessionMode"] = "Stateful" });
        var resource = new Uri(stateful.BaseAddress, "/mcp").ToString();
        var token = _issuer.Mint("carol", resource, "notes.read");

        using var init = McpRequests.Post(McpRequests.Initialize());
        init.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var initialized = await stateful.Client.SendAsync(init, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, initialized.StatusCode);
        var session = initialized.Headers.GetValues("Mcp-Session-Id").Single();

        using var call = McpRequests.Post(McpRequests.Request("tools/call",
            new JsonObject { ["name"] = "write_note", ["arguments"] = new JsonObject { ["text"] = "x" } }), McpRequests.Previous, session);
        call.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var refused = await stateful.Client.SendAsync(call, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Forged_foreign_expired_and_premature_tokens_get_401_invalid_token()
    {
        using var otherKey = RSA.Create(2048);
        var rejected = new Dictionary<string, string>
        {
            ["another audience"] = _issuer.Mint("eve", "http://127.0.0.1:1/other-mcp", "notes.read"),
            ["another issuer"] = _issuer.Mint("eve", Resource, "notes.read", issuer: "http://127.0.0.1:1/evil"),
            ["another key"] = _issuer.Mint("eve", Resource, "notes.read", signingKey: new RsaSecurityKey(otherKey) { KeyId = "test-key-1" }),
            ["expired"] = _issuer.Mint("eve", Resource, "notes.read", lifetime: TimeSpan.FromMinutes(5), notBefore: DateTime.UtcNow.AddMinutes(-30)),
            ["not yet valid"] = _issuer.Mint("eve", Resource, "notes.read", notBefore: DateTime.UtcNow.AddMinutes(10)),
            ["alg none"] = _issuer.Forge(Resource, "none"),
            ["HS256 signed with the public key"] = _issuer.Forge(Resource, "HS256", data => HMACSHA256.HashData(_issuer.PublicKeyPem(), data), kid: "test-key-1"),
            ["unknown kid"] = _issuer.SignedWithUnknownKid(Resource),
            ["not a JWT"] = "not-a-token",
            ["an ID token (typ JWT), not an access token"] = _issuer.Mint("eve", Resource, "notes.read", tokenType: "JWT"),
        };

        foreach (var (why, token) in rejected)
        {
            using var response = await SendAsync(CallReadNotes(), token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {response.StatusCode}");
            Assert.Contains("error=\"invalid_token\"", Assert.Single(response.Headers.WwwAuthenticate).Parameter);
        }
    }

    [Fact]
    public async Task The_issuer_keys_are_fetched_once_not_per_request()
    {
        for (var i = 0; i < 5; i++)
        {
            using var response = await SendAsync(CallReadNotes(), _issuer.Mint($"user{i}", Resource, "notes.read"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, _issuer.JwksRequests);
    }

    [Fact]
    public async Task Access_tokens_typed_JWT_as_Keycloak_and_Entra_issue_them_are_accepted_once_configured()
    {
        await using var keycloakStyle = await ResourceServerTestApp.StartAsync(_issuer.Issuer,
            settings: new Dictionary<string, string?> { ["Mcp:Auth:ValidTokenTypes:0"] = "JWT" });
        var resource = new Uri(keycloakStyle.BaseAddress, "/mcp").ToString();

        using var typedJwt = CallReadNotes();
        typedJwt.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _issuer.Mint("kc-user", resource, "notes.read", tokenType: "JWT"));
        using var typedAtJwt = CallReadNotes();
        typedAtJwt.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _issuer.Mint("kc-user", resource, "notes.read"));

        Assert.Equal(HttpStatusCode.OK, (await keycloakStyle.Client.SendAsync(typedJwt, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await keycloakStyle.Client.SendAsync(typedAtJwt, TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task<string[]> ListToolsAsync(string? scope)
    {
        using var response = await SendAsync(McpRequests.Stateless("tools/list"), _issuer.Mint("lister", Resource, scope));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await McpResponses.ReadAnswerAsync(response);
        return [.. answer["result"]!["tools"]!.AsArray().Select(tool => (string)tool!["name"]!).Order(StringComparer.Ordinal)];
    }

    private static HttpRequestMessage CallReadNotes() =>
        McpRequests.Stateless("tools/call", new JsonObject { ["name"] = "read_notes", ["arguments"] = new JsonObject() }, name: "read_notes");

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _server.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
