using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using EnterpriseMcp.Hosting.Tests.Session;
using EnterpriseMcp.Hosting.Tests.Transport;

namespace EnterpriseMcp.Hosting.Tests.ScaleOut;

/// <summary>What a 2025 session sets on one replica holds on the others: its log level, and answers to its server's requests.</summary>
public sealed class RedisSessionStateTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static CancellationTokenSource Deadline() => RedisReplicas.Deadline();

    // servedThereJustBefore: the other replica served the session a moment ago, so it may serve the next request without
    // asking Redis; the level set meanwhile must still hold there at once.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LogLevelSetOnOneReplica_GovernsTheSessionsLogMessagesOnAnother(bool servedThereJustBefore)
    {
        await using var replicas = await RedisReplicas.StartAsync(2);
        var (first, second) = (replicas.Replicas[0], replicas.Replicas[1]);
        var sessionId = await SessionRequests.OpenAsync(first);
        using var timeout = Deadline();
        if (servedThereJustBefore)
        {
            using var warm = await second.Client.SendAsync(SessionRequests.ToolsList(sessionId), timeout.Token);
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        using (var setLevel = await first.Client.SendAsync(McpRequests.Post(
                   McpRequests.Request("logging/setLevel", new JsonObject { ["level"] = "debug" }), McpRequests.Previous, sessionId), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, setLevel.StatusCode);
        }

        using var call = await second.Client.SendAsync(SessionRequests.CallTool(sessionId, "test_tool_with_logging"), timeout.Token);
        var events = await McpResponses.ReadEventsAsync(call);

        Assert.Contains(events, e => e.Data?["method"]?.GetValue<string>() == "notifications/message");
    }

    [Fact]
    public async Task AnswerToAServerRequest_PostedToAnotherReplica_ReachesTheServerThatAsked()
    {
        await using var replicas = await RedisReplicas.StartAsync(2);
        var (asking, other) = (replicas.Replicas[0], replicas.Replicas[1]);
        var sessionId = await SessionRequests.OpenAsync(asking, capabilities: new JsonObject { ["sampling"] = new JsonObject() });
        using var timeout = Deadline();

        using var call = await asking.Client.SendAsync(
            SessionRequests.CallTool(sessionId, "test_sampling", new JsonObject { ["prompt"] = "Capital of France?" }),
            HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var events = new SseLineReader(await call.Content.ReadAsStreamAsync(timeout.Token));
        JsonNode? question = null;
        while (question is null && await events.ReadEventAsync(timeout.Token) is { } item)
        {
            question = item.Data?["method"]?.GetValue<string>() == "sampling/createMessage" ? item.Data : null;
        }

        Assert.NotNull(question);
        var answer = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = question["id"]!.DeepClone(),
            ["result"] = new JsonObject
            {
                ["role"] = "assistant",
                ["model"] = "test-model",
                ["content"] = new JsonObject { ["type"] = "text", ["text"] = "Paris" },
            },
        };
        using (var answered = await other.Client.SendAsync(McpRequests.Post(answer.ToJsonString(), McpRequests.Previous, sessionId), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
        }

        string? text = null;
        while (text is null && await events.ReadEventAsync(timeout.Token) is { } item)
        {
            text = item.Data?["result"]?["content"]?[0]?["text"]?.GetValue<string>();
        }

        Assert.StartsWith("LLM response: Paris", text);
    }
}
