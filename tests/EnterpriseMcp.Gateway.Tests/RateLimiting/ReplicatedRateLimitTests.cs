using System.Net;
using EnterpriseMcp.Gateway.Tests.Infrastructure;

namespace EnterpriseMcp.Gateway.Tests.RateLimiting;

/// <summary>Two gateway replicas sharing one Redis: a limit holds over both; with Redis down each limits on its own and none fails.</summary>
public sealed class ReplicatedRateLimitTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_spread_over_two_gateways_are_limited_in_total()
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        await using var jira = await TestBackends.StartJiraAsync();
        await using var first = await GatewayHost.StartAsync(Limited(jira, redis));
        await using var second = await GatewayHost.StartAsync(Limited(jira, redis));

        var statuses = await CallsAsync([first, second, first, second, first, second, first, second]);

        Assert.Equal(4, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(4, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task With_Redis_down_each_gateway_limits_its_own_calls_and_answers_429_not_an_error()
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        await using var jira = await TestBackends.StartJiraAsync();
        await using var first = await GatewayHost.StartAsync(Limited(jira, redis));
        await using var second = await GatewayHost.StartAsync(Limited(jira, redis));

        await redis.StopAsync();
        var firstStatuses = await CallsAsync([first, first, first, first, first]);
        var secondStatuses = await CallsAsync([second, second, second, second, second]);

        HttpStatusCode[] perReplica = [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests];
        Assert.Equal(perReplica, firstStatuses);
        Assert.Equal(perReplica, secondStatuses);
    }

    private static async Task<HttpStatusCode[]> CallsAsync(GatewayHost[] gateways)
    {
        using var http = new HttpClient();
        var statuses = new List<HttpStatusCode>();
        foreach (var gateway in gateways)
        {
            using var answer = await http.SendAsync(RawMcp.CallTool(gateway.Endpoint, "jira__list_projects", [], token: null), Token);
            statuses.Add(answer.StatusCode);
        }

        return [.. statuses];
    }

    private static Dictionary<string, string?> Limited(ToolServerHost jira, RedisServer redis)
    {
        var settings = TestBackends.Settings(("jira", jira.McpUrl()));
        settings["ConnectionStrings:redis"] = redis.ConnectionString;
        settings["Gateway:RateLimits:Rules:0:Name"] = "per-tool";
        settings["Gateway:RateLimits:Rules:0:Per"] = "CallerAndTool";
        settings["Gateway:RateLimits:Rules:0:PermitsPerMinute"] = "4";
        settings["Gateway:RateLimits:Rules:0:Burst"] = "4";
        return settings;
    }
}
