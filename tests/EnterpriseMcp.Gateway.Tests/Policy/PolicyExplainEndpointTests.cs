using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnterpriseMcp.Gateway.Tests.Policy;

/// <summary>The explain endpoint on Kestrel in development mode (no authority), where loopback callers are administrators.</summary>
public sealed class PolicyExplainEndpointTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // Only the example policy: not the gateway's own appsettings.json, which the build copies beside the tests.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(ExamplePolicy.Settings());
        builder.Services.AddGatewayPolicy();
        _app = builder.Build();
        _app.MapPolicyExplain();
        await _app.StartAsync(TestContext.Current.CancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    [Fact]
    public async Task Carol_without_jira_write_is_denied_and_may_step_up()
    {
        var (status, answer) = await ExplainAsync("""
            {"principal": {"subject": "carol", "clientId": "vscode", "scopes": ["jira.read"], "roles": ["intern"], "groups": ["interns"]},
             "tool": "jira__create_issue"}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False((bool)answer["allowed"]!);
        Assert.Equal("tool", (string?)answer["kind"]);
        Assert.Equal("jira__create_issue", (string?)answer["name"]);
        Assert.Equal(1, (int)answer["rule"]!["index"]!);
        Assert.Equal("jira-write", (string?)answer["rule"]!["name"]);
        Assert.Equal("""["jira.write"]""", answer["requiredScopes"]!.ToJsonString());
        Assert.Equal("""["jira.write"]""", answer["missingScopes"]!.ToJsonString());
        Assert.True((bool)answer["fixableByScopes"]!);
        Assert.Equal("Rule 'jira-write' requires the scope jira.write, which the caller lacks.", (string?)answer["reason"]);
        Assert.Equal("carol", (string?)answer["principal"]!["subject"]);
        Assert.Equal("""["interns"]""", answer["principal"]!["groups"]!.ToJsonString());
    }

    [Fact]
    public async Task An_allowed_resource_names_its_rule()
    {
        var (_, answer) = await ExplainAsync("""{"principal": {"scopes": "jira.read openid"}, "resource": "jira://issues/ABC-1"}""");

        Assert.True((bool)answer["allowed"]!);
        Assert.Equal("resource", (string?)answer["kind"]);
        Assert.Equal("jira-read", (string?)answer["rule"]!["name"]);
        Assert.Equal("""[]""", answer["missingScopes"]!.ToJsonString());
    }

    [Fact]
    public async Task An_unmatched_name_has_no_rule_and_the_callers_own_principal_is_used_by_default()
    {
        var (_, answer) = await ExplainAsync("""{"prompt": "summarize"}""");

        Assert.False((bool)answer["allowed"]!);
        Assert.Null(answer["rule"]);
        Assert.False((bool)answer["fixableByScopes"]!);
        Assert.Equal("No rule of the policy matches the prompt 'summarize'; unmatched names are denied.", (string?)answer["reason"]);
        Assert.False((bool)answer["principal"]!["isAuthenticated"]!);
    }

    [Theory]
    [InlineData("""{"tool": "a", """, "not valid JSON")]
    [InlineData("""["jira__get_issue"]""", "not a JSON object")]
    [InlineData("""{"principal": {"subject": "carol"}}""", "No target name")]
    [InlineData("""{"tool": ""}""", "No target name")]
    [InlineData("""{"tool": "a", "prompt": "b"}""", "Several targets")]
    [InlineData("""{"tol": "a", "principal": {"scope": ["x"], "subject": "carol"}}""", "Unknown properties: tol, principal.scope.")]
    [InlineData("""{"tool": "a", "principal": {"roles": "admin"}}""", "\"principal.roles\" must be an array of strings.")]
    public async Task A_malformed_request_is_told_what_to_send(string body, string problem)
    {
        var (status, answer) = await ExplainAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(problem, (string?)answer["error"], StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, JsonNode Answer)> ExplainAsync(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("/admin/policy/explain", content, TestContext.Current.CancellationToken);
        var answer = await response.Content.ReadFromJsonAsync<JsonNode>(TestContext.Current.CancellationToken);
        return (response.StatusCode, answer!);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }
}
