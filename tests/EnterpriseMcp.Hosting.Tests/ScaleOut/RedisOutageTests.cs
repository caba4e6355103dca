using System.Net;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using EnterpriseMcp.Hosting.Tests.Session;
using EnterpriseMcp.Hosting.Tests.Stateless;
using EnterpriseMcp.Hosting.Tests.Transport;

namespace EnterpriseMcp.Hosting.Tests.ScaleOut;

/// <summary>Redis away: session requests get a clear 503, stateless ones are served, and service comes back with Redis.</summary>
public sealed class RedisOutageTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhileRedisIsDown_SessionRequestsGet503WithRetryAfter_StatelessCallsWork_ThenSessionsRecover()
    {
        await using var replicas = await RedisReplicas.StartAsync(1);
        var replica = replicas.Replicas[0];
        var sessionId = await SessionRequests.OpenAsync(replica);

        await replicas.Redis.StopAsync();

        using (var refused = await replica.Client.SendAsync(SessionRequests.ToolsList(sessionId), Cancellation))
        {
            var body = await JsonRpcErrorAssert.IsErrorAsync(refused, HttpStatusCode.ServiceUnavailable, -32000);
            Assert.Contains("Redis", body["error"]?["message"]?.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        }

        using (var initialize = await replica.Client.SendAsync(McpRequests.Post(McpRequests.Initialize(), McpRequests.Previous), Cancellation))
        {
            await JsonRpcErrorAssert.IsErrorAsync(initialize, HttpStatusCode.ServiceUnavailable, -32000);
        }

        using (var stateless = await replica.Client.SendAsync(StatelessPost.CallTool("test_simple_text"), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, stateless.StatusCode);
        }

        await replicas.Redis.StartAsync();

        // An in-memory Redis lost its keys with the crash: the old session is gone (404), and new ones start.
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 200 && status == HttpStatusCode.ServiceUnavailable; attempt++)
        {
            await Task.Delay(50, Cancellation);
            using var probe = await replica.Client.SendAsync(SessionRequests.ToolsList(sessionId), Cancellation);
            status = probe.StatusCode;
        }

        Assert.Equal(HttpStatusCode.NotFound, status);
        await SessionRequests.OpenAsync(replica);
    }
}
