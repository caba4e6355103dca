using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using EnterpriseMcp.Hosting.Tests.Session;

namespace EnterpriseMcp.Hosting.Tests.Transport;

public sealed class ResumptionTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EventIds_AreDistinctAndNameTheirStream()
    {
        await using var server = await McpTestServer.StartAsync();
        var sessionId = await SessionRequests.OpenAsync(server);

        var first = await CallWithProgressAsync(server, sessionId, "first", 2);
        var second = await CallWithProgressAsync(server, sessionId, "second", 3);

        var firstIds = first.Select(e => e.Id).ToList();
        var secondIds = second.Select(e => e.Id).ToList();
        Assert.All(firstIds.Concat(secondIds), id => Assert.False(string.IsNullOrEmpty(id), "Every event must have an id."));
        Assert.Equal(firstIds.Count + secondIds.Count, firstIds.Concat(secondIds).Distinct().Count());
        Assert.Single(firstIds.Select(StreamOf).Distinct());
        Assert.Single(secondIds.Select(StreamOf).Distinct());
        Assert.NotEqual(StreamOf(firstIds[0]), StreamOf(secondIds[0]));
    }

    [Fact]
    public async Task LastEventIdOfThePrimingEvent_ReplaysTheRestOfThatStreamOnly()
    {
        await using var server = await McpTestServer.StartAsync();
        var sessionId = await SessionRequests.OpenAsync(server);
        var first = await CallWithProgressAsync(server, sessionId, "first", 2);
        await CallWithProgressAsync(server, sessionId, "second", 3);
        Assert.Null(first[0].Data);

        using var replay = await server.Client.SendAsync(SessionRequests.Get(sessionId, lastEventId: first[0].Id), Cancellation);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var replayed = (await McpResponses.ReadEventsAsync(replay)).Where(e => e.Data is not null).ToList();
        var expected = first.Skip(1).Where(e => e.Data is not null).ToList();
        Assert.Equal(expected.Select(e => e.Id), replayed.Select(e => e.Id));
        Assert.Equal(expected.Select(e => e.Data!.ToJsonString()), replayed.Select(e => e.Data!.ToJsonString()));
        Assert.Equal(3, replayed.Count(e => e.Data!["method"]?.GetValue<string>() == "notifications/progress"));
        Assert.Equal(2, replayed.Last().Data!["id"]?.GetValue<int>());
    }

    [Fact]
    public async Task LastEventIdOfAnotherSession_Gets400()
    {
        await using var server = await McpTestServer.StartAsync();
        var owner = await SessionRequests.OpenAsync(server);
        var other = await SessionRequests.OpenAsync(server);
        var events = await CallWithProgressAsync(server, owner, "owner", 2);

        using var response = await server.Client.SendAsync(SessionRequests.Get(other, lastEventId: events[0].Id), Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("999999-1")]
    [InlineData("-1")]
    [InlineData("1-")]
    public async Task UnknownLastEventId_Gets400(string lastEventId)
    {
        await using var server = await McpTestServer.StartAsync();
        var sessionId = await SessionRequests.OpenAsync(server);

        using var response = await server.Client.SendAsync(SessionRequests.Get(sessionId, lastEventId: lastEventId), Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest);
    }

    private static string StreamOf(string? eventId) => eventId![..eventId!.IndexOf('-', StringComparison.Ordinal)];

    /// <summary>Calls the progress tool, which sends three progress notifications before its result; returns every event.</summary>
    private static async Task<List<(string? Id, JsonNode? Data)>> CallWithProgressAsync(
        McpTestServer server, string sessionId, string progressToken, int id)
    {
        using var response = await server.Client.SendAsync(
            SessionRequests.CallTool(sessionId, "test_tool_with_progress", progressToken: progressToken, id: id), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await McpResponses.ReadEventsAsync(response);
        Assert.Equal(id, events[^1].Data?["id"]?.GetValue<int>());
        return events;
    }
}
