using EnterpriseMcp.Conformance.Server;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Tests.Relaying;

/// <summary>What a backend sends during a call reaches the client that made it, and the client's answers go back.</summary>
public sealed class RelayingTests(FederatedGateway backends) : IClassFixture<FederatedGateway>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData(null)]
    public async Task Progress_notifications_reach_the_caller_with_its_token(string? protocolVersion)
    {
        var client = await backends.Gateway.ConnectAsync(protocolVersion);
        var seen = new List<float>();
        // Registered for the whole test: the SDK's per-call progress handler ends with the call and may miss the last one.
        await using var _ = client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, (notification, _) =>
        {
            if (notification.Params?["progressToken"]?.ToString() == "gateway-progress")
            {
                lock (seen)
                {
                    seen.Add(notification.Params!["progress"]!.GetValue<float>());
                }
            }

            return ValueTask.CompletedTask;
        });

        var response = await client.SendRequestAsync(new JsonRpcRequest
        {
            Method = RequestMethods.ToolsCall,
            Params = new JsonObject
            {
                ["name"] = "fx__test_tool_with_progress",
                ["arguments"] = new JsonObject(),
                ["_meta"] = new JsonObject { ["progressToken"] = "gateway-progress" },
            },
        }, Token);

        await Eventually.CountAsync(seen, 3);
        Assert.Contains("Progress tool completed", response.Result!.ToJsonString());
        lock (seen)
        {
            Assert.Equal([0f, 50f, 100f], seen.Order());
        }
    }

    [Fact]
    public async Task Log_messages_reach_a_session_at_the_level_it_set_and_not_before()
    {
        var client = await backends.Gateway.ConnectAsync("2025-11-25");
        var messages = new List<string>();
        await using var _ = client.RegisterNotificationHandler(NotificationMethods.LoggingMessageNotification, (notification, _) =>
        {
            lock (messages)
            {
                messages.Add(notification.Params!["data"]!.ToString());
            }

            return ValueTask.CompletedTask;
        });

        await client.CallToolAsync("fx__test_tool_with_logging", cancellationToken: Token);
        var beforeSetLevel = messages.Count;
        await client.SetLoggingLevelAsync(LoggingLevel.Info, cancellationToken: Token);
        await client.CallToolAsync("fx__test_tool_with_logging", cancellationToken: Token);

        await Eventually.CountAsync(messages, 3);
        Assert.Equal(0, beforeSetLevel);
        lock (messages)
        {
            Assert.Equal(["Tool execution completed", "Tool execution started", "Tool processing data"], messages.Order());
        }
    }

    [Fact]
    public async Task Sampling_and_elicitation_questions_of_a_backend_are_answered_by_the_client()
    {
        var answers = new ClientAnswers();
        var client = await backends.Gateway.ConnectAsync("2025-11-25", answers.Configure);

        var sampled = await client.CallToolAsync("fx__test_sampling", new Dictionary<string, object?> { ["prompt"] = "Capital of France?" }, cancellationToken: Token);
        var elicited = await client.CallToolAsync("fx__test_elicitation", new Dictionary<string, object?> { ["message"] = "Who are you?" }, cancellationToken: Token);

        Assert.Contains(ClientAnswers.ModelAnswer, sampled.Text());
        Assert.Contains(ClientAnswers.UserName, elicited.Text());
        Assert.Equal(2, answers.Asked);
    }

    [Fact]
    public async Task A_2026_client_closing_its_stream_cancels_the_call_at_the_backend()
    {
        var client = await backends.Gateway.ConnectAsync();
        var before = FixtureProbes.SlowEchoCancellations;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CallToolAsync("fx__slow_echo",
            new Dictionary<string, object?> { ["text"] = "never", ["delayMs"] = 60_000 }, cancellationToken: cancel.Token).AsTask());

        await WaitForCancellationAsync(before);
    }

    [Fact]
    public async Task A_2025_clients_cancelled_notification_cancels_the_call_at_the_backend()
    {
        // The SDK client does not announce a cancelled call on a 2025 session, so the test announces it as a client should.
        var client = await backends.Gateway.ConnectAsync("2025-11-25");
        var before = FixtureProbes.SlowEchoCancellations;
        var id = new RequestId("slow-call");
        var call = client.SendRequestAsync(new JsonRpcRequest
        {
            Id = id,
            Method = RequestMethods.ToolsCall,
            Params = new JsonObject
            {
                ["name"] = "fx__slow_echo",
                ["arguments"] = new JsonObject { ["text"] = "never", ["delayMs"] = 60_000 },
            },
        }, Token);
        await Task.Delay(300, Token);

        await client.SendNotificationAsync(NotificationMethods.CancelledNotification,
            new CancelledNotificationParams { RequestId = id, Reason = "the user gave up" }, cancellationToken: Token);

        await WaitForCancellationAsync(before);
        Assert.False(call.IsCompletedSuccessfully);
    }

    private static async Task WaitForCancellationAsync(int before)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (FixtureProbes.SlowEchoCancellations == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Token);
        }

        Assert.True(FixtureProbes.SlowEchoCancellations > before, "the backend's tool was never cancelled");
    }

    [Fact]
    public async Task A_2026_client_answers_a_2026_backends_input_required_result_and_the_retry_goes_through()
    {
        var answers = new ClientAnswers();
        var client = await backends.Gateway.ConnectAsync(null, answers.Configure);

        var result = await client.CallToolAsync("fx__test_input_required_result_elicitation", cancellationToken: Token);

        Assert.Equal(McpProtocolVersions.Stateless, client.NegotiatedProtocolVersion);
        Assert.Equal($"Hello, {ClientAnswers.UserName}!", result.Text());
        Assert.Equal(1, answers.Asked);
    }
}

internal static class McpProtocolVersions
{
    public const string Stateless = "2026-07-28";
}
