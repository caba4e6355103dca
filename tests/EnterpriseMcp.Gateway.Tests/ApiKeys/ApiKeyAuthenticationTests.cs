using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.ApiKeys;
using EnterpriseMcp.Gateway.Audit;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace EnterpriseMcp.Gateway.Tests.ApiKeys;

/// <summary>
/// API keys on the whole secured platform: a key made by the administrator's command reaches tools through the gateway's
/// one policy as <c>Authorization: Bearer</c> or <c>X-API-Key</c>, is audited by its id, and is refused with 401 once
/// revoked, expired or tampered with.
/// </summary>
public sealed class ApiKeyAuthenticationTests(ApiKeyPlatform platform) : IClassFixture<ApiKeyPlatform>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly JsonObject Issue = new() { ["key"] = "DEMO-1" };

    [Fact]
    public async Task A_key_as_bearer_and_as_X_API_Key_reaches_the_tools_its_scopes_allow_and_the_backend_sees_the_gateway()
    {
        var (_, key) = await platform.CreateKeyAsync("ci-nightly", "jira.read db.read", "developer");
        var seenBefore = platform.JiraSaw.BearerTokens.Count;

        using var asBearer = await SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__get_issue", Copy(Issue), key));
        using var asHeader = await SendAsync(WithHeader(RawMcp.CallTool(platform.Gateway.Endpoint, "db__query", new() { ["sql"] = "SELECT 1 AS one" }, null), key));

        Assert.Equal(HttpStatusCode.OK, asBearer.StatusCode);
        Assert.Contains("DEMO-1", await asBearer.Content.ReadAsStringAsync(Token));
        Assert.DoesNotContain("\"isError\":true", await asBearer.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.OK, asHeader.StatusCode);
        Assert.DoesNotContain("\"isError\":true", await asHeader.Content.ReadAsStringAsync(Token));
        // No user token to exchange: Jira got the gateway's own client-credentials token, never the key.
        var jiraSaw = platform.JiraSaw.BearerTokens.Skip(seenBefore).ToList();
        Assert.NotEmpty(jiraSaw);
        Assert.DoesNotContain(jiraSaw, token => token.StartsWith(ApiKeyFormat.Prefix, StringComparison.Ordinal));
        var backendToken = new JsonWebToken(jiraSaw[^1]);
        Assert.Equal("mcp-gateway", backendToken.GetClaim("client_id").Value);
        Assert.False(backendToken.TryGetClaim("act", out _));
    }

    [Fact]
    public async Task A_tool_allowed_only_to_a_role_is_reached_with_it_and_refused_with_403_without_it()
    {
        // db__list_tables falls to the rule db-browse (db.read and the role admin or developer); db__execute to db-write (admin only).
        var (_, developer) = await platform.CreateKeyAsync("ci-developer", "db.read db.write", "developer");
        var (_, roleless) = await platform.CreateKeyAsync("ci-roleless", "db.read db.write", "");

        using var allowed = await SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "db__list_tables", [], developer));
        using var withoutRole = await SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "db__list_tables", [], roleless));
        using var notTheRole = await SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "db__execute", new() { ["sql"] = "DELETE FROM orders" }, developer));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.DoesNotContain("\"isError\":true", await allowed.Content.ReadAsStringAsync(Token));
        foreach (var (refused, tool) in new[] { (withoutRole, "db__list_tables"), (notTheRole, "db__execute") })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var message = (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync(Token))!["error"]!["message"];
            Assert.Equal($"Forbidden: the gateway's policy does not allow this caller the tool '{tool}', and no scope would change that.", message);
        }
    }

    [Fact]
    public async Task A_key_revoked_while_in_use_is_refused_with_401_saying_so()
    {
        var (id, key) = await platform.CreateKeyAsync("ci-revoked", "jira.read", "");
        using (var before = await SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__get_issue", Copy(Issue), key)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var output = new StringWriter();
        using var errors = new StringWriter();
        Assert.Equal(0, await ApiKeyCommand.RunAsync(["revoke", id, "--contentRoot", platform.ContentRoot], output, errors));
        using var after = await SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__get_issue", Copy(Issue), key));

        await AssertRefusedAsync(after, "The API key was revoked");
    }

    [Fact]
    public async Task An_expired_key_is_refused_with_401_saying_so()
    {
        var (id, text) = ApiKeyFormat.New();
        var now = DateTimeOffset.UtcNow;
        await platform.Store.AddAsync(new ApiKey(id, "ci-old", ["jira.read"], [], now.AddDays(-91), now.AddDays(-1)), ApiKeyFormat.Hash(text), Token);

        using var refused = await SendAsync(WithHeader(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__get_issue", Copy(Issue), null), text));

        await AssertRefusedAsync(refused, "The API key expired");
    }

    [Fact]
    public async Task A_tampered_secret_with_a_real_id_is_refused_exactly_as_an_unknown_id_is()
    {
        var (_, key) = await platform.CreateKeyAsync("ci-tampered", "jira.read", "");
        var tampered = TamperedKey.Of(key);
        var (_, unknown) = ApiKeyFormat.New();

        using var withRealId = await SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__get_issue", Copy(Issue), tampered));
        using var withUnknownId = await SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__get_issue", Copy(Issue), unknown));
        using var malformed = await SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__get_issue", Copy(Issue), "emk_short"));

        await AssertRefusedAsync(withRealId, ApiKeyValidator.NotKnown);
        await AssertRefusedAsync(withUnknownId, ApiKeyValidator.NotKnown);
        await AssertRefusedAsync(malformed, "The API key is not well-formed");
        Assert.DoesNotContain(platform.GatewayLogs.Messages, message => message.Contains(tampered, StringComparison.Ordinal) || message.Contains(key[17..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_audit_record_of_a_keys_call_names_the_key_id_as_client_and_its_name_as_subject()
    {
        var (id, key) = await platform.CreateKeyAsync("ci-audited", "jira.read", "developer");

        using var call = await SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__get_issue", Copy(Issue), key));

        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        var record = Assert.Single(await platform.AuditRecordsAsync(), record => record.Caller.ClientId == id);
        Assert.Equal(("ci-audited", ApiKeyDefaults.Issuer, AuditOutcome.Allowed), (record.Caller.Subject, record.Caller.Issuer, record.Outcome));
        Assert.Equal(["developer"], record.Caller.Roles);
    }

    [Fact]
    public async Task The_store_keeps_the_hash_of_a_key_and_never_its_secret()
    {
        var (id, key) = await platform.CreateKeyAsync("ci-stored", "jira.read", "");
        var secret = key[(ApiKeyFormat.Prefix.Length + id.Length + 1)..];

        var stored = await platform.Store.FindAsync(id, Token);

        Assert.NotNull(stored);
        Assert.True(ApiKeyFormat.Matches(key, stored.Hash));
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(platform.StorePath)!, "apikeys.db*"))
        {
            var bytes = await ReadSharedAsync(file);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(secret)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Buffers.Text.Base64Url.DecodeFromChars(secret)));
        }
    }

    [Fact]
    public async Task A_keys_last_use_is_written_in_the_background()
    {
        var (id, key) = await platform.CreateKeyAsync("ci-used", "jira.read", "");
        using var call = await SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__get_issue", Copy(Issue), key));

        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        Assert.True(await Eventually.TrueAsync(async () => (await platform.Store.FindAsync(id, Token))?.Key.LastUsed is not null, seconds: 15));
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string description)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter);
        Assert.Contains($"error_description=\"{description}", challenge.Parameter);
        Assert.Contains("resource_metadata=", challenge.Parameter);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Contains(description, (string?)body["error"]?["message"]);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var http = new HttpClient();
        using (request)
        {
            return await http.SendAsync(request, Token);
        }
    }

    private static HttpRequestMessage WithHeader(HttpRequestMessage request, string key)
    {
        request.Headers.Add(ApiKeyPresentation.HeaderName, key);
        return request;
    }

    private static JsonObject Copy(JsonObject arguments) => arguments.DeepClone().AsObject();

    // SQLite holds the file open; read it without asking for exclusive access.
    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy, Token);
        return copy.ToArray();
    }
}
