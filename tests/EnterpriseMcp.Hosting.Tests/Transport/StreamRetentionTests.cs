using System.Net;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using EnterpriseMcp.Hosting.Tests.Session;

namespace EnterpriseMcp.Hosting.Tests.Transport;

/// <summary>Finished streams are kept for replay only up to a per-session limit, newest first.</summary>
public sealed class StreamRetentionTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BeyondTheLimit_TheOldestFinishedStreamsCanNoLongerBeReplayed()
    {
        await using var server = await McpTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Mcp:Http:RetainedStreamsPerSession"] = "2",
        });
        var sessionId = await SessionRequests.OpenAsync(server);
        List<string> primingIds = [];
        for (var id = 10; id < 14; id++)
        {
            using var call = await server.Client.SendAsync(SessionRequests.CallTool(sessionId, "test_simple_text", id: id), Cancellation);
            primingIds.Add((await McpResponses.ReadEventsAsync(call))[0].Id!);
        }

        using var oldest = await server.Client.SendAsync(SessionRequests.Get(sessionId, lastEventId: primingIds[0]), Cancellation);
        await JsonRpcErrorAssert.IsErrorAsync(oldest, HttpStatusCode.BadRequest);

        using var newest = await server.Client.SendAsync(SessionRequests.Get(sessionId, lastEventId: primingIds[^1]), Cancellation);
        Assert.Equal(HttpStatusCode.OK, newest.StatusCode);
        var replayed = await McpResponses.ReadAnswerAsync(newest);
        Assert.Equal(13, replayed["id"]?.GetValue<int>());
    }
}
