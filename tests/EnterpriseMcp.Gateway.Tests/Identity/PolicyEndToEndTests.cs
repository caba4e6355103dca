using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Login;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace EnterpriseMcp.Gateway.Tests.Identity;

/// <summary>Real users, logged in at the real authorization server, through the gateway's one policy: what they see is what they may call.</summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class PolicyEndToEndTests(SecuredPlatform platform)
{
    private static readonly JsonObject NewIssue = new() { ["project"] = "DEMO", ["summary"] = "Printer on fire", ["description"] = "Third floor." };

    [Fact]
    public async Task Carol_does_not_see_create_issue_and_calling_it_gets_403_naming_jira_write()
    {
        var token = await platform.LoginAsync("carol");
        await using var client = await ConnectAsync(token);
        var tools = (await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(tool => tool.Name).ToList();

        using var http = new HttpClient();
        using var refused = await http.SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__create_issue", NewIssue.DeepClone().AsObject(), token),
            TestContext.Current.CancellationToken);

        Assert.Equal(["jira__get_issue", "jira__list_projects", "jira__search_issues"], tools.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var challenge = Assert.Single(refused.Headers.WwwAuthenticate);
        Assert.Contains("error=\"insufficient_scope\"", challenge.Parameter);
        Assert.Contains("scope=\"jira.write\"", challenge.Parameter);
        Assert.Contains($"resource_metadata=\"{new Uri(platform.Gateway.BaseAddress, "/.well-known/oauth-protected-resource/mcp")}\"", challenge.Parameter);
    }

    [Fact]
    public async Task Bob_sees_create_issue_and_calls_it_as_himself()
    {
        await using var client = await ConnectAsync(await platform.LoginAsync("bob"));
        var tools = (await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(tool => tool.Name).ToList();

        var created = await client.CallToolAsync("jira__create_issue", Arguments(NewIssue), cancellationToken: TestContext.Current.CancellationToken);
        var comment = await client.CallToolAsync("jira__add_comment", new Dictionary<string, object?> { ["key"] = "DEMO-1", ["body"] = "On it." },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains("jira__create_issue", tools);
        Assert.Contains("db__list_tables", tools);
        Assert.DoesNotContain("db__execute", tools);
        Assert.NotEqual(true, created.IsError);
        Assert.StartsWith("DEMO-", created.StructuredContent?.GetProperty("key").GetString());
        Assert.Equal("bob", comment.StructuredContent?.GetProperty("author").GetString());
    }

    [Fact]
    public async Task A_token_without_jira_write_is_refused_then_the_scope_from_the_challenge_is_granted_and_accepted()
    {
        var narrow = await platform.LoginAsync("bob", "jira.read");
        using var http = new HttpClient();
        using var refused = await http.SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__create_issue", NewIssue.DeepClone().AsObject(), narrow),
            TestContext.Current.CancellationToken);
        var asked = ScopeOf(Assert.Single(refused.Headers.WwwAuthenticate).Parameter!);

        // What an MCP client does on insufficient_scope: authorize again, asking for what it had and what the challenge names.
        var stepped = await platform.LoginAsync("bob", $"jira.read {asked}");
        using var accepted = await http.SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__add_comment",
            new() { ["key"] = "DEMO-2", ["body"] = "Stepped up." }, stepped),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("jira.write", asked);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("\"author\":\"bob\"", await accepted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Reporting_bot_with_client_credentials_sees_and_calls_db_query_and_nothing_else()
    {
        var token = await DevelopmentLogin.ClientCredentialsAsync(platform.Identity.Issuer, "reporting-bot", "reporting-bot-dev-secret", platform.GatewayResource,
            cancellationToken: TestContext.Current.CancellationToken);
        await using var client = await ConnectAsync(token);
        var tools = (await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(tool => tool.Name).ToList();
        var rows = await client.CallToolAsync("db__query", new Dictionary<string, object?> { ["sql"] = "SELECT 1 AS one" },
            cancellationToken: TestContext.Current.CancellationToken);

        using var http = new HttpClient();
        using var browse = await http.SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "db__list_tables", [], token), TestContext.Current.CancellationToken);
        using var jira = await http.SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__get_issue", new() { ["key"] = "DEMO-1" }, token),
            TestContext.Current.CancellationToken);

        Assert.Equal(["db__query"], tools);
        Assert.NotEqual(true, rows.IsError);
        Assert.Equal(HttpStatusCode.Forbidden, browse.StatusCode);
        Assert.Empty(browse.Headers.WwwAuthenticate); // a role is missing: no scope would help, so no step-up is offered
        Assert.Equal(HttpStatusCode.Forbidden, jira.StatusCode);
    }

    [Fact]
    public async Task The_resource_metadata_names_the_authorization_server_and_the_policy_scopes()
    {
        using var http = new HttpClient();
        var metadata = JsonNode.Parse(await http.GetStringAsync(new Uri(platform.Gateway.BaseAddress, "/.well-known/oauth-protected-resource/mcp"),
            TestContext.Current.CancellationToken))!;

        Assert.Equal(platform.GatewayResource, (string?)metadata["resource"]);
        Assert.Equal(platform.Identity.Issuer, (string?)metadata["authorization_servers"]![0]);
        Assert.Equal(["db.read", "db.write", "jira.read", "jira.write"], metadata["scopes_supported"]!.AsArray().Select(scope => (string)scope!));
    }

    private async Task<McpClient> ConnectAsync(string token, string? protocolVersion = null) =>
        await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = platform.Gateway.Endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        }), new McpClientOptions { ProtocolVersion = protocolVersion }, cancellationToken: TestContext.Current.CancellationToken);

    private static Dictionary<string, object?> Arguments(JsonObject arguments) =>
        arguments.ToDictionary(pair => pair.Key, pair => (object?)pair.Value?.ToString());

    private static string ScopeOf(string challenge)
    {
        const string marker = "scope=\"";
        var start = challenge.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        return challenge[start..challenge.IndexOf('"', start)];
    }
}
