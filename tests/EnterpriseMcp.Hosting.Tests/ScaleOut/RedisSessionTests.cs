using System.Net;
using EnterpriseMcp.Hosting.Sessions;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using EnterpriseMcp.Hosting.Tests.Session;
using EnterpriseMcp.Hosting.Tests.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseMcp.Hosting.Tests.ScaleOut;

/// <summary>Replicas on one Redis: any of them serves a session, for its owner only, until it ends anywhere.</summary>
public sealed class RedisSessionTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static CancellationTokenSource Deadline() => RedisReplicas.Deadline();

    [Fact]
    public async Task SessionStartedOnOneReplica_IsServedByAnother_ForItsOwnerOnly()
    {
        await using var replicas = await RedisReplicas.StartAsync(2);
        var (first, second) = (replicas.Replicas[0], replicas.Replicas[1]);
        var sessionId = await SessionRequests.OpenAsync(first, user: "alice");

        using var call = await second.Client.SendAsync(SessionRequests.CallTool(sessionId, "whoami", user: "alice"), Cancellation);
        var answer = await McpResponses.ReadAnswerAsync(call);
        Assert.Equal("alice", answer["result"]?["content"]?[0]?["text"]?.GetValue<string>());
        Assert.Equal(1, second.Services.GetRequiredService<McpSessionManager>().LiveCount);

        using var stranger = await second.Client.SendAsync(SessionRequests.ToolsList(sessionId, user: "bob"), Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
    }

    [Fact]
    public async Task SessionOutlivesTheReplicaThatStartedIt()
    {
        await using var replicas = new RedisReplicas();
        await replicas.InitializeAsync();
        string sessionId;
        await using (var gone = await replicas.StartReplicaAsync())
        {
            sessionId = await SessionRequests.OpenAsync(gone, user: "alice");
        }

        var next = await replicas.StartReplicaAsync();
        using var call = await next.Client.SendAsync(SessionRequests.CallTool(sessionId, "whoami", user: "alice"), Cancellation);

        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        Assert.Equal("alice", (await McpResponses.ReadAnswerAsync(call))["result"]?["content"]?[0]?["text"]?.GetValue<string>());
    }

    [Fact]
    public async Task SessionEndedOnOneReplica_Gets404OnTheOther_AndItsGetStreamThereEnds()
    {
        await using var replicas = await RedisReplicas.StartAsync(2);
        var (first, second) = (replicas.Replicas[0], replicas.Replicas[1]);
        var sessionId = await SessionRequests.OpenAsync(first);
        using var timeout = Deadline();
        using var stream = await SessionRequests.OpenGetStreamAsync(second, sessionId, timeout.Token);

        using (var delete = await first.Client.SendAsync(SessionRequests.Delete(sessionId), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        using var events = new SseLineReader(await stream.Content.ReadAsStreamAsync(timeout.Token));
        while (await events.ReadEventAsync(timeout.Token) is not null)
        {
        }

        using var after = await second.Client.SendAsync(SessionRequests.ToolsList(sessionId), timeout.Token);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task SessionEndedOnOneReplica_Gets404AtOnceOnAnotherThatHasJustServedIt()
    {
        await using var replicas = await RedisReplicas.StartAsync(2);
        var (first, second) = (replicas.Replicas[0], replicas.Replicas[1]);
        var sessionId = await SessionRequests.OpenAsync(first);
        using (var warm = await second.Client.SendAsync(SessionRequests.ToolsList(sessionId), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        using (var delete = await first.Client.SendAsync(SessionRequests.Delete(sessionId), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        using var after = await second.Client.SendAsync(SessionRequests.ToolsList(sessionId), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task SessionInUseOnOneReplica_StaysAliveInRedis_ThoughThatReplicaTrustsIt()
    {
        var shortIdle = new Dictionary<string, string?>
        {
            ["Mcp:Http:IdleTimeout"] = "00:00:03",
            ["Mcp:Http:SweepInterval"] = "00:00:00.5",
        };
        await using var replicas = await RedisReplicas.StartAsync(2, shortIdle);
        var (first, second) = (replicas.Replicas[0], replicas.Replicas[1]);
        var sessionId = await SessionRequests.OpenAsync(first);

        // Used on the first replica for twice the idle timeout: Redis must hear of that use, or it expires the session.
        for (var use = 0; use < 30; use++)
        {
            using var used = await first.Client.SendAsync(SessionRequests.ToolsList(sessionId), Cancellation);
            Assert.Equal(HttpStatusCode.OK, used.StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(0.2), Cancellation);
        }

        using var elsewhere = await second.Client.SendAsync(SessionRequests.ToolsList(sessionId), Cancellation);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task SessionIdleOnOneReplica_ButInUseOnAnother_IsNotEndedByTheIdleOne()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Mcp:Http:IdleTimeout"] = "00:00:02",
            ["Mcp:Http:SweepInterval"] = "00:00:00.5",
            // Never unloaded for idleness first (as a session whose client set a log level never is).
            ["Mcp:Http:HibernateAfter"] = "00:10:00",
        };
        await using var replicas = await RedisReplicas.StartAsync(2, settings);
        var (first, second) = (replicas.Replicas[0], replicas.Replicas[1]);
        var sessionId = await SessionRequests.OpenAsync(first);
        using (var once = await second.Client.SendAsync(SessionRequests.ToolsList(sessionId), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, once.StatusCode);
        }

        // The second replica's server for it is idle for longer than the idle timeout; the session is not.
        for (var use = 0; use < 25; use++)
        {
            using var used = await first.Client.SendAsync(SessionRequests.ToolsList(sessionId), Cancellation);
            Assert.Equal(HttpStatusCode.OK, used.StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(0.2), Cancellation);
        }
    }

    [Fact]
    public async Task PerUserSessionLimit_HoldsOverAllReplicas_AndAnEndedSessionFreesItsSlotEverywhere()
    {
        var twoPerUser = new Dictionary<string, string?> { ["Mcp:Http:MaxSessionsPerUser"] = "2" };
        await using var replicas = await RedisReplicas.StartAsync(2, twoPerUser);
        var (first, second) = (replicas.Replicas[0], replicas.Replicas[1]);
        var kept = await SessionRequests.OpenAsync(first, user: "alice");
        await SessionRequests.OpenAsync(second, user: "alice");
        await SessionRequests.OpenAsync(second, user: "bob");

        using (var third = await first.Client.SendAsync(McpRequests.Post(McpRequests.Initialize(), McpRequests.Previous, user: "alice"), Cancellation))
        {
            await JsonRpcErrorAssert.IsErrorAsync(third, HttpStatusCode.TooManyRequests, -32000);
        }

        using (var delete = await second.Client.SendAsync(SessionRequests.Delete(kept, user: "alice"), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        await SessionRequests.OpenAsync(first, user: "alice");
    }

    [Fact]
    public async Task IdleSession_ExpiresInRedis_AndIsThenUnknownEverywhere()
    {
        var shortIdle = new Dictionary<string, string?>
        {
            ["Mcp:Http:IdleTimeout"] = "00:00:01",
            ["Mcp:Http:SweepInterval"] = "00:00:00.5",
        };
        await using var replicas = await RedisReplicas.StartAsync(2, shortIdle);
        var (first, second) = (replicas.Replicas[0], replicas.Replicas[1]);
        var sessionId = await SessionRequests.OpenAsync(first);

        // Unused for more than the idle timeout: its key expires in Redis (or a sweep ends it), on every replica alike.
        await Task.Delay(TimeSpan.FromSeconds(2.5), Cancellation);

        using var after = await second.Client.SendAsync(SessionRequests.ToolsList(sessionId), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }
}
