using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.ApiKeys;
using EnterpriseMcp.Gateway.Audit;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace EnterpriseMcp.Gateway.Tests.ApiKeys;

/// <summary>API keys in development mode (no authority, loopback only): a valid key names its caller, a refused one is refused.</summary>
public sealed class ApiKeyDevelopmentTests : IDisposable
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-apikeys-dev-").FullName;

    [Fact]
    public async Task A_valid_key_names_its_caller_in_the_audit_and_a_revoked_key_gets_401_instead_of_anonymous_service_and_is_audited()
    {
        var storePath = Path.Combine(_folder, "apikeys.db");
        var (id, key) = await CreateAsync(storePath, "local-script");
        var (revokedId, revoked) = await CreateAsync(storePath, "local-revoked");
        Assert.Equal(0, await ApiKeyCommand.RunAsync(["revoke", revokedId, "--contentRoot", _folder, "--Gateway:ApiKeys:Path", storePath], TextWriter.Null, TextWriter.Null));
        await using var jira = await TestBackends.StartJiraAsync();
        var settings = TestBackends.Settings(("jira", jira.McpUrl()));
        settings["Gateway:Audit:Path"] = Path.Combine(_folder, "audit.db");
        settings["Gateway:ApiKeys:Path"] = storePath;
        await using var gateway = await GatewayHost.StartAsync(settings);
        using var http = new HttpClient();

        using var named = await http.SendAsync(WithKey(RawMcp.CallTool(gateway.Endpoint, "jira__list_projects", [], null), key), Token);
        using var refused = await http.SendAsync(WithKey(RawMcp.CallTool(gateway.Endpoint, "jira__list_projects", [], null), revoked), Token);

        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("The API key was revoked", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync(Token))!["error"]!["message"]);
        await using var audit = new SqliteAuditStore(Path.Combine(_folder, "audit.db"));
        await audit.OpenAsync(Token);
        var records = new List<AuditRecord>();
        await foreach (var stored in audit.ReadAsync(1, Token))
        {
            records.Add(AuditChain.RecordOf(stored.Body)!);
        }

        // The call, and the refusal of the revoked key (no caller: the key was not accepted).
        Assert.Equal(2, records.Count);
        var call = Assert.Single(records, record => record.Outcome == AuditOutcome.Allowed);
        Assert.Equal(("local-script", id), (call.Caller.Subject, call.Caller.ClientId));
        var refusal = Assert.Single(records, record => record.Outcome == AuditOutcome.Denied);
        Assert.Equal(("401", "The API key was revoked", null), (refusal.ErrorType, refusal.Reason, refusal.Caller.Subject));
    }

    private async Task<(string Id, string Text)> CreateAsync(string storePath, string name)
    {
        using var output = new StringWriter();
        Assert.Equal(0, await ApiKeyCommand.RunAsync(["create", "--name", name, "--contentRoot", _folder, "--Gateway:ApiKeys:Path", storePath], output, TextWriter.Null));
        var fields = output.ToString().Split(Environment.NewLine).Select(line => line.Split(": ", 2)).Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
        return (fields["id"], fields["key"]);
    }

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string key)
    {
        request.Headers.Add(ApiKeyPresentation.HeaderName, key);
        return request;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
