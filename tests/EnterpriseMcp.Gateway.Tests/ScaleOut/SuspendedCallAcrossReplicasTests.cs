using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using EnterpriseMcp.Gateway.Tests.Relaying;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Tests.ScaleOut;

/// <summary>A 2026 client's retry of a suspended call reaches the call whichever replica it lands on.</summary>
public sealed class SuspendedCallAcrossReplicasTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly JsonObject Question = new() { ["prompt"] = "Capital of France?" };

    [Fact]
    public async Task A_retry_on_another_replica_answers_the_question_the_first_one_asked()
    {
        await using var gateways = await RedisGateways.StartAsync(2);
        var (asking, other) = (gateways.Replicas[0], gateways.Replicas[1]);
        using var http = new HttpClient();

        var asked = await RawMcp.AnswerAsync(http, ToolCall(asking, Question));
        var state = (string)asked["result"]!["requestState"]!;
        var resumed = await RawMcp.AnswerAsync(http, ToolCall(other, Question, state, Answers(asked)));

        Assert.StartsWith("LLM response: " + ClientAnswers.ModelAnswer, (string?)resumed["result"]?["content"]?[0]?["text"]);
        Assert.Equal(0, asking.Services.GetRequiredService<Gateway.Relaying.SuspendedCalls>().Count);
    }

    [Fact]
    public async Task A_retry_under_another_tool_on_another_replica_is_refused_and_the_call_waits_on()
    {
        await using var gateways = await RedisGateways.StartAsync(2);
        var (asking, other) = (gateways.Replicas[0], gateways.Replicas[1]);
        using var http = new HttpClient();
        var asked = await RawMcp.AnswerAsync(http, ToolCall(asking, Question));
        var state = (string)asked["result"]!["requestState"]!;

        var refused = await RawMcp.AnswerAsync(http, ToolCall(other, new JsonObject(), state, Answers(asked), "test_simple_text"));
        var resumed = await RawMcp.AnswerAsync(http, ToolCall(other, Question, state, Answers(asked)));

        Assert.Equal((int)McpErrorCode.InvalidParams, (int?)refused["error"]?["code"]);
        Assert.Contains("another tool", (string?)refused["error"]?["message"]);
        Assert.StartsWith("LLM response: ", (string?)resumed["result"]?["content"]?[0]?["text"]);
    }

    [Fact]
    public async Task A_retry_of_a_call_held_by_a_stopped_replica_says_the_call_is_lost()
    {
        await using var gateways = await RedisGateways.StartAsync(2);
        var (asking, other) = (gateways.Replicas[0], gateways.Replicas[1]);
        using var http = new HttpClient();
        var asked = await RawMcp.AnswerAsync(http, ToolCall(asking, Question));
        var state = (string)asked["result"]!["requestState"]!;

        await gateways.StopReplicaAsync(asking);
        var lost = await RawMcp.AnswerAsync(http, ToolCall(other, Question, state, Answers(asked)));

        Assert.Equal((int)McpErrorCode.InvalidParams, (int?)lost["error"]?["code"]);
        Assert.Contains("stopped", (string?)lost["error"]?["message"]);
    }

    private static JsonObject Answers(JsonNode asked) => new()
    {
        [asked["result"]!["inputRequests"]!.AsObject().Single().Key] = new JsonObject
        {
            ["role"] = "assistant",
            ["model"] = "test-model",
            ["content"] = new JsonObject { ["type"] = "text", ["text"] = ClientAnswers.ModelAnswer },
        },
    };

    private static HttpRequestMessage ToolCall(GatewayHost gateway, JsonObject arguments, string? requestState = null,
        JsonObject? inputResponses = null, string name = "test_sampling")
    {
        var parameters = new JsonObject { ["name"] = name, ["arguments"] = arguments.DeepClone() };
        if (requestState is not null)
        {
            parameters["requestState"] = requestState;
            parameters["inputResponses"] = inputResponses?.DeepClone();
        }

        return RawMcp.Request(gateway.Endpoint, RequestMethods.ToolsCall, parameters, token: null, name);
    }
}
