using System.Net;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using EnterpriseMcp.Hosting.Tests.Session;

namespace EnterpriseMcp.Hosting.Tests.Transport;

/// <summary>A client that loses a stream resumes it with Last-Event-ID and misses nothing.</summary>
public sealed class StreamResumptionAfterDisconnectTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostStreamLostBeforeTheAnswer_IsResumedWithEverythingAfterThePrimingEvent()
    {
        await using var server = await McpTestServer.StartAsync();
        var sessionId = await SessionRequests.OpenAsync(server);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));

        string? primingId;
        using (var lost = await server.Client.SendAsync(
                   SessionRequests.CallTool(sessionId, "test_tool_with_progress", progressToken: "lost", id: 5),
                   HttpCompletionOption.ResponseHeadersRead, timeout.Token))
        {
            using var events = new SseLineReader(await lost.Content.ReadAsStreamAsync(timeout.Token));
            primingId = (await events.ReadEventAsync(timeout.Token))?.Id;
        }

        Assert.False(string.IsNullOrEmpty(primingId));
        using var resumed = await server.Client.SendAsync(SessionRequests.Get(sessionId, lastEventId: primingId), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var replayed = (await McpResponses.ReadEventsAsync(resumed)).Where(e => e.Data is not null).ToList();
        Assert.Equal(3, replayed.Count(e => e.Data!["method"]?.GetValue<string>() == "notifications/progress"));
        Assert.Equal("Progress tool completed", replayed[^1].Data!["result"]?["content"]?[0]?["text"]?.GetValue<string>());
    }

    [Fact]
    public async Task GetStreamLost_IsResumedWithTheNotificationsSentMeanwhile()
    {
        await using var server = await McpTestServer.StartAsync();
        var sessionId = await SessionRequests.OpenAsync(server);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));

        string? primingId;
        using (var lost = await server.Client.SendAsync(SessionRequests.Get(sessionId), HttpCompletionOption.ResponseHeadersRead, timeout.Token))
        {
            using var events = new SseLineReader(await lost.Content.ReadAsStreamAsync(timeout.Token));
            primingId = (await events.ReadEventAsync(timeout.Token))?.Id;
        }

        Assert.False(string.IsNullOrEmpty(primingId));
        using var trigger = await server.Client.SendAsync(SessionRequests.CallTool(sessionId, "test_trigger_tool_change"), timeout.Token);
        Assert.Equal(HttpStatusCode.OK, trigger.StatusCode);

        using var resumed = await server.Client.SendAsync(
            SessionRequests.Get(sessionId, lastEventId: primingId), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        using var replay = new SseLineReader(await resumed.Content.ReadAsStreamAsync(timeout.Token));
        Assert.True(await replay.SawMethodAsync("notifications/tools/list_changed", timeout.Token), "The resumed GET stream ended without the tools/list_changed notification.");
    }
}
