using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Tests.Infrastructure;

namespace EnterpriseMcp.Gateway.Tests.RateLimiting;

/// <summary>The rate limits on the gateway's calls, both generations: 429 with Retry-After and the limit named; lists never limited.</summary>
public sealed class RateLimitedCallsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stateless_call_over_its_limit_gets_429_with_retry_after_naming_the_limit_and_lists_still_answer()
    {
        await using var jira = await TestBackends.StartJiraAsync();
        await using var gateway = await GatewayHost.StartAsync(Limited(jira));
        using var http = new HttpClient();

        for (var call = 0; call < 2; call++)
        {
            using var admitted = await http.SendAsync(RawMcp.CallTool(gateway.Endpoint, "jira__list_projects", [], token: null), Token);
            Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        }

        using var limited = await http.SendAsync(RawMcp.CallTool(gateway.Endpoint, "jira__list_projects", [], token: null), Token);
        var error = JsonNode.Parse(await limited.Content.ReadAsStringAsync(Token))!["error"]!;
        using var listed = await http.SendAsync(RawMcp.Request(gateway.Endpoint, "tools/list", null, token: null), Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.Equal(-32000, (int)error["code"]!);
        Assert.Equal("per-tool", (string?)error["data"]!["limit"]);
        Assert.Equal((int)retryAfter.Value.TotalSeconds, (int)error["data"]!["retryAfterSeconds"]!);
        Assert.Contains("rate limit 'per-tool'", (string?)error["message"]);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Contains("jira__list_projects", await listed.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task A_call_in_a_2025_session_over_its_limit_is_refused_and_other_tools_still_answer()
    {
        await using var jira = await TestBackends.StartJiraAsync();
        await using var gateway = await GatewayHost.StartAsync(Limited(jira));
        var client = await gateway.ConnectAsync("2025-11-25");

        for (var call = 0; call < 2; call++)
        {
            Assert.Contains("DEMO", (await client.CallToolAsync("jira__list_projects", cancellationToken: Token)).Text());
        }

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => client.CallToolAsync("jira__list_projects", cancellationToken: Token).AsTask());

        TestContext.Current.TestOutputHelper?.WriteLine($"{refused.GetType()}: {refused.Message}");
        Assert.Contains("429", refused.ToString());
        Assert.NotEqual(true, (await client.CallToolAsync("jira__get_issue", new Dictionary<string, object?> { ["key"] = "DEMO-1" }, cancellationToken: Token)).IsError);
        Assert.Contains(await client.ListToolsAsync(cancellationToken: Token), tool => tool.Name == "jira__list_projects");
    }

    private static Dictionary<string, string?> Limited(ToolServerHost jira)
    {
        var settings = TestBackends.Settings(("jira", jira.McpUrl()));
        settings["Gateway:RateLimits:Rules:0:Name"] = "per-tool";
        settings["Gateway:RateLimits:Rules:0:Per"] = "CallerAndTool";
        settings["Gateway:RateLimits:Rules:0:PermitsPerMinute"] = "2";
        settings["Gateway:RateLimits:Rules:0:Burst"] = "2";
        return settings;
    }
}
