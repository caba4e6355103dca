using System.Net;
using EnterpriseMcp.Hosting.Sessions;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using EnterpriseMcp.Hosting.Tests.Session;
using EnterpriseMcp.Hosting.Tests.Transport;

namespace EnterpriseMcp.Hosting.Tests.ScaleOut;

/// <summary>Event streams in Redis: a client cut off from one replica resumes on another and misses nothing.</summary>
public sealed class RedisEventStreamTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static CancellationTokenSource Deadline() => RedisReplicas.Deadline();

    [Fact]
    public async Task GetStreamOnOneReplica_CarriesWhatTheSessionsServerOnAnotherSends()
    {
        await using var replicas = await RedisReplicas.StartAsync(2);
        var (first, second) = (replicas.Replicas[0], replicas.Replicas[1]);
        var sessionId = await SessionRequests.OpenAsync(first);
        using var timeout = Deadline();
        using var stream = await SessionRequests.OpenGetStreamAsync(first, sessionId, timeout.Token);
        using var events = new SseLineReader(await stream.Content.ReadAsStreamAsync(timeout.Token));
        Assert.NotNull(await events.ReadEventAsync(timeout.Token));

        using var trigger = await second.Client.SendAsync(SessionRequests.CallTool(sessionId, "test_trigger_tool_change"), timeout.Token);
        Assert.Equal(HttpStatusCode.OK, trigger.StatusCode);

        Assert.True(await events.SawMethodAsync("notifications/tools/list_changed", timeout.Token),
            "The GET stream on the first replica ended without the notification the second replica's server sent.");
    }

    [Fact]
    public async Task GetStreamLostOnOneReplica_IsResumedOnAnother_WithWhatWasSentMeanwhile()
    {
        await using var replicas = await RedisReplicas.StartAsync(2);
        var (first, second) = (replicas.Replicas[0], replicas.Replicas[1]);
        var sessionId = await SessionRequests.OpenAsync(first);
        using var timeout = Deadline();

        string? lastSeen;
        using (var lost = await SessionRequests.OpenGetStreamAsync(first, sessionId, timeout.Token))
        {
            using var events = new SseLineReader(await lost.Content.ReadAsStreamAsync(timeout.Token));
            lastSeen = (await events.ReadEventAsync(timeout.Token))?.Id;
        }

        Assert.False(string.IsNullOrEmpty(lastSeen));
        using (var trigger = await first.Client.SendAsync(SessionRequests.CallTool(sessionId, "test_trigger_tool_change"), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, trigger.StatusCode);
        }

        using var resumed = await second.Client.SendAsync(
            SessionRequests.Get(sessionId, lastEventId: lastSeen), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        using var replay = new SseLineReader(await resumed.Content.ReadAsStreamAsync(timeout.Token));
        Assert.True(await replay.SawMethodAsync("notifications/tools/list_changed", timeout.Token),
            "The GET stream resumed on the second replica ended without the notification sent while it was lost.");
    }

    [Fact]
    public async Task PostStreamLostOnOneReplica_IsReplayedOnAnother_ToTheAnswer()
    {
        await using var replicas = await RedisReplicas.StartAsync(2);
        var (first, second) = (replicas.Replicas[0], replicas.Replicas[1]);
        var sessionId = await SessionRequests.OpenAsync(first);
        using var timeout = Deadline();

        string? primingId;
        using (var lost = await first.Client.SendAsync(
                   SessionRequests.CallTool(sessionId, "test_tool_with_progress", progressToken: "lost", id: 5),
                   HttpCompletionOption.ResponseHeadersRead, timeout.Token))
        {
            using var events = new SseLineReader(await lost.Content.ReadAsStreamAsync(timeout.Token));
            primingId = (await events.ReadEventAsync(timeout.Token))?.Id;
        }

        Assert.False(string.IsNullOrEmpty(primingId));
        using var resumed = await second.Client.SendAsync(SessionRequests.Get(sessionId, lastEventId: primingId), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var replayed = (await McpResponses.ReadEventsAsync(resumed)).Where(e => e.Data is not null).ToList();
        Assert.Equal(3, replayed.Count(e => e.Data!["method"]?.GetValue<string>() == "notifications/progress"));
        Assert.Equal("Progress tool completed", replayed[^1].Data!["result"]?["content"]?[0]?["text"]?.GetValue<string>());
    }

    [Fact]
    public async Task NotificationForEveryListeningSession_SentByEveryReplica_ReachesAGetOnAnyReplica_Once()
    {
        await using var replicas = await RedisReplicas.StartAsync(2);
        var (first, second) = (replicas.Replicas[0], replicas.Replicas[1]);
        var sessionId = await SessionRequests.OpenAsync(first);
        using var timeout = Deadline();
        using var stream = await SessionRequests.OpenGetStreamAsync(second, sessionId, timeout.Token);
        using var events = new SseLineReader(await stream.Content.ReadAsStreamAsync(timeout.Token));
        Assert.NotNull(await events.ReadEventAsync(timeout.Token));
        var notifiers = new[] { first, second }.Select(replica => replica.Services.GetRequiredService<McpSessionNotifier>()).ToArray();

        // Each replica sees the same change and sends it; the elected one's copy is the only one written.
        var sent = 0;
        for (var attempt = 0; attempt < 100 && sent == 0; attempt++)
        {
            await Task.Delay(100, timeout.Token);
            sent = (await Task.WhenAll(notifiers.Select(notifier =>
                notifier.NotifyListeningSessionsAsync("notifications/tools/list_changed", cancellationToken: timeout.Token)))).Sum();
        }

        using (var marker = await first.Client.SendAsync(SessionRequests.CallTool(sessionId, "test_trigger_prompt_change"), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, marker.StatusCode);
        }

        Assert.Equal(1, sent);
        var heard = new List<string>();
        while (await events.ReadEventAsync(timeout.Token) is { Data: var data } && data?["method"]?.GetValue<string>() is var method
            && method != "notifications/prompts/list_changed")
        {
            if (method is not null)
            {
                heard.Add(method);
            }
        }

        Assert.Equal(["notifications/tools/list_changed"], heard);
    }

    [Fact]
    public async Task RequestStreams_StayInTheirReplicasMemory_WhileTheirClientsReadThemWhole()
    {
        await using var replicas = await RedisReplicas.StartAsync(1);
        var replica = replicas.Replicas[0];
        var sessionId = await SessionRequests.OpenAsync(replica);
        for (var call = 0; call < 3; call++)
        {
            using var answered = await replica.Client.SendAsync(SessionRequests.CallTool(sessionId, "test_simple_text", id: 10 + call), Cancellation);
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            Assert.Contains(await McpResponses.ReadEventsAsync(answered), e => e.Id is not null);
        }

        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(replicas.Redis.ConnectionString);
        var stored = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: "emcp:events*").Select(key => key.ToString()).ToList();

        // The session's shared stream of server-initiated messages is there; no request's stream is.
        Assert.All(stored, key => Assert.EndsWith($"{sessionId}.get", key));
    }

    [Fact]
    public async Task PostStreamThatEndedOnOneReplica_IsReplayedOnAnother_AfterTheEventNamed()
    {
        await using var replicas = await RedisReplicas.StartAsync(2);
        var (first, second) = (replicas.Replicas[0], replicas.Replicas[1]);
        var sessionId = await SessionRequests.OpenAsync(first);
        using var timeout = Deadline();
        using var answered = await first.Client.SendAsync(SessionRequests.CallTool(sessionId, "test_simple_text", id: 7), timeout.Token);
        var primingId = (await McpResponses.ReadEventsAsync(answered)).First(e => e.Id is not null).Id;

        // Twice: the second asks a replica that already handed the stream over, and must not find its events twice.
        for (var resume = 0; resume < 2; resume++)
        {
            using var resumed = await second.Client.SendAsync(SessionRequests.Get(sessionId, lastEventId: primingId), timeout.Token);
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
            var replayed = (await McpResponses.ReadEventsAsync(resumed)).Where(e => e.Data is not null).ToList();
            Assert.Equal(7, Assert.Single(replayed).Data!["id"]?.GetValue<int>());
        }
    }

    [Fact]
    public async Task LastEventIdOfAnotherSessionsRequestStream_OnAnotherReplica_Gets400_AndNothingIsHandedOver()
    {
        await using var replicas = await RedisReplicas.StartAsync(2);
        var (first, second) = (replicas.Replicas[0], replicas.Replicas[1]);
        var theirs = await SessionRequests.OpenAsync(first);
        var mine = await SessionRequests.OpenAsync(second);
        using var timeout = Deadline();
        using var answered = await first.Client.SendAsync(SessionRequests.CallTool(theirs, "test_simple_text"), timeout.Token);
        var theirEvent = (await McpResponses.ReadEventsAsync(answered)).First(e => e.Id is not null).Id;

        using var stolen = await second.Client.SendAsync(SessionRequests.Get(mine, lastEventId: theirEvent), timeout.Token);

        await JsonRpcErrorAssert.IsErrorAsync(stolen, HttpStatusCode.BadRequest);
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(replicas.Redis.ConnectionString);
        Assert.DoesNotContain(redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: "emcp:events*"), key => !key.ToString().EndsWith(".get"));
    }

    [Fact]
    public async Task LastEventIdOfAReplicaThatIsGone_Gets400()
    {
        await using var replicas = await RedisReplicas.StartAsync(1);
        var replica = replicas.Replicas[0];
        var sessionId = await SessionRequests.OpenAsync(replica);
        using var timeout = Deadline();

        // Named as a request stream of a replica nobody runs: nobody listens on its channel, so nobody is waited for.
        using var resumed = await replica.Client.SendAsync(SessionRequests.Get(sessionId, lastEventId: "0123456789abcdef~1-1"), timeout.Token);

        await JsonRpcErrorAssert.IsErrorAsync(resumed, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task LastEventIdOfAnotherSession_Gets400()
    {
        await using var replicas = await RedisReplicas.StartAsync(1);
        var replica = replicas.Replicas[0];
        var mine = await SessionRequests.OpenAsync(replica);
        var theirs = await SessionRequests.OpenAsync(replica);
        using var timeout = Deadline();
        string? theirEvent;
        using (var stream = await SessionRequests.OpenGetStreamAsync(replica, theirs, timeout.Token))
        {
            using var events = new SseLineReader(await stream.Content.ReadAsStreamAsync(timeout.Token));
            theirEvent = (await events.ReadEventAsync(timeout.Token))?.Id;
        }

        using var stolen = await replica.Client.SendAsync(SessionRequests.Get(mine, lastEventId: theirEvent), timeout.Token);

        await JsonRpcErrorAssert.IsErrorAsync(stolen, HttpStatusCode.BadRequest);
    }
}
