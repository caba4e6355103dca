using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using ModelContextProtocol.Client;

namespace EnterpriseMcp.Gateway.Tests.Identity;

/// <summary>
/// A policy that offers more than a backend allows: rule 'jira-all' gives every Jira tool to holders of jira.read, but
/// Jira's write tools declare jira.write in their listing. The operator is warned at start, and the gateway applies the
/// backend's scopes itself: callers without them neither see those tools nor reach the backend with them, and are
/// offered a step-up for the scope the backend wants.
/// </summary>
public sealed class BackendScopeTests(BackendScopeTests.LaxPolicyPlatform platform) : IClassFixture<BackendScopeTests.LaxPolicyPlatform>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_rule_that_offers_write_tools_without_jira_write_is_warned_about_once_per_tool_at_start()
    {
        Assert.True(await Eventually.TrueAsync(() => Gaps("jira__create_issue") == 1, seconds: 20), "no warning named jira__create_issue");

        Assert.Contains(platform.GatewayLogs.Warnings, message =>
            message.Contains("Rule 'jira-all' offers tool 'jira__create_issue' without the scope(s) jira.write that its backend 'jira' requires", StringComparison.Ordinal));
        Assert.Equal(1, Gaps("jira__add_comment"));
        Assert.Equal(0, Gaps("jira__get_issue"));
    }

    [Fact]
    public async Task Carol_does_not_see_the_write_tools_and_a_call_is_refused_by_the_gateway_with_a_step_up_for_jira_write()
    {
        var token = await platform.LoginAsync("carol");
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = platform.Gateway.Endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        }), new McpClientOptions { ProtocolVersion = "2025-11-25" }, cancellationToken: Token);
        var tools = (await client.ListToolsAsync(cancellationToken: Token)).Select(tool => tool.Name).ToList();

        using var http = new HttpClient();
        using var refused = await http.SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__create_issue",
            new JsonObject { ["project"] = "DEMO", ["summary"] = "Carol's issue" }, token), Token);

        Assert.Contains("jira__get_issue", tools);
        Assert.DoesNotContain("jira__create_issue", tools);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var challenge = Assert.Single(refused.Headers.WwwAuthenticate).Parameter!;
        Assert.Contains("error=\"insufficient_scope\"", challenge);
        Assert.Contains("jira.write", challenge);
        Assert.Contains("jira__create_issue", await refused.Content.ReadAsStringAsync(Token));
        Assert.DoesNotContain(platform.JiraSaw.BearerTokens, seen => new JsonWebToken(seen).Subject == "carol");
        Assert.Empty(platform.GatewayLogs.Exceptions);
    }

    [Fact]
    public async Task Bob_who_holds_jira_write_still_sees_and_calls_create_issue()
    {
        var token = await platform.LoginAsync("bob");
        using var http = new HttpClient();

        using var created = await http.SendAsync(RawMcp.CallTool(platform.Gateway.Endpoint, "jira__create_issue",
            new JsonObject { ["project"] = "DEMO", ["summary"] = "Bob's issue" }, token), Token);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("DEMO-", await created.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task The_policy_explanation_names_the_backends_scope_as_the_reason()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(platform.Gateway.BaseAddress, "/admin/policy/explain"))
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["principal"] = new JsonObject { ["subject"] = "carol", ["scopes"] = new JsonArray("jira.read"), ["roles"] = new JsonArray("intern") },
                ["tool"] = "jira__create_issue",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await platform.LoginAsync("alice"));

        using var response = await http.SendAsync(request, Token);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((bool)answer["allowed"]!);
        Assert.Equal("jira-all", (string?)answer["rule"]!["name"]);
        Assert.Equal(["jira.read", "jira.write"], answer["requiredScopes"]!.AsArray().Select(scope => (string)scope!));
        Assert.Equal(["jira.write"], answer["missingScopes"]!.AsArray().Select(scope => (string)scope!));
        Assert.Contains("its backend 'jira' requires the scope jira.write", (string?)answer["reason"]);
    }

    private int Gaps(string tool) => platform.GatewayLogs.Warnings.Count(message =>
        message.Contains($"offers tool '{tool}' without", StringComparison.Ordinal));

    /// <summary>The secured platform with one rule that gives every Jira tool to holders of jira.read.</summary>
    public sealed class LaxPolicyPlatform : SecuredPlatform
    {
        protected override IReadOnlyDictionary<string, string?> Policy => new Dictionary<string, string?>
        {
            ["Gateway:Policy:AdminRoles:0"] = "admin",
            ["Gateway:Policy:Rules:0:Name"] = "jira-all",
            ["Gateway:Policy:Rules:0:Tools:0"] = "jira__*",
            ["Gateway:Policy:Rules:0:Scopes:0"] = "jira.read",
            ["Gateway:Policy:Rules:1:Name"] = "db-query",
            ["Gateway:Policy:Rules:1:Tools:0"] = "db__*",
            ["Gateway:Policy:Rules:1:Scopes:0"] = "db.read",
        };
    }
}
