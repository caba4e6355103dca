using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Tests.Infrastructure;

namespace EnterpriseMcp.Gateway.Tests.Identity;

/// <summary>Administrators ask the gateway why a user may or may not use a tool; nobody else may ask.</summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class PolicyExplainTests(SecuredPlatform platform)
{
    private static readonly JsonObject CarolCreatesAnIssue = new()
    {
        ["principal"] = new JsonObject { ["subject"] = "carol", ["scopes"] = new JsonArray("jira.read"), ["roles"] = new JsonArray("intern") },
        ["tool"] = "jira__create_issue",
    };

    [Fact]
    public async Task Alice_an_admin_learns_which_rule_denies_carol_and_what_scope_would_allow_her()
    {
        using var response = await ExplainAsync(await platform.LoginAsync("alice"));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((bool)answer["allowed"]!);
        Assert.Equal("jira-write", (string?)answer["rule"]!["name"]);
        Assert.Equal(["jira.write"], answer["missingScopes"]!.AsArray().Select(scope => (string)scope!));
        Assert.True((bool)answer["fixableByScopes"]!);
    }

    [Fact]
    public async Task Bob_who_is_no_admin_gets_403_and_nobody_without_a_token_gets_in()
    {
        using var asBob = await ExplainAsync(await platform.LoginAsync("bob"));
        using var anonymous = await ExplainAsync(null);

        Assert.Equal(HttpStatusCode.Forbidden, asBob.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private async Task<HttpResponseMessage> ExplainAsync(string? token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(platform.Gateway.BaseAddress, "/admin/policy/explain"))
        {
            Content = JsonContent.Create(CarolCreatesAnIssue),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
