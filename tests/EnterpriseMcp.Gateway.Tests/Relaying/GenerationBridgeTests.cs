using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using System.Text.Json.Nodes;

namespace EnterpriseMcp.Gateway.Tests.Relaying;

/// <summary>One fixture behind two gateways: one that may speak to it only 2026-07-28, one only 2025-11-25.</summary>
public sealed class BridgedGateways : IAsyncLifetime
{
    public ToolServerHost Fixture { get; private set; } = null!;

    public GatewayHost To2026Backend { get; private set; } = null!;

    public GatewayHost To2025Backend { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Fixture = await TestBackends.StartFixtureAsync();
        To2026Backend = await StartAsync("2026-07-28");
        To2025Backend = await StartAsync("2025-11-25");
    }

    public async ValueTask DisposeAsync()
    {
        await To2025Backend.DisposeAsync();
        await To2026Backend.DisposeAsync();
        await Fixture.DisposeAsync();
    }

    private Task<GatewayHost> StartAsync(string backendVersion)
    {
        var settings = TestBackends.Settings(("fixture", Fixture.McpUrl()));
        settings["Gateway:Backends:fixture:Prefix"] = "";
        settings["Gateway:Backends:fixture:ProtocolVersion"] = backendVersion;
        return GatewayHost.StartAsync(settings);
    }
}

/// <summary>A client of one generation reaches a backend of the other, and the gateway bridges their ways of asking.</summary>
public sealed class GenerationBridgeTests(BridgedGateways gateways) : IClassFixture<BridgedGateways>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("test_input_required_result_elicitation", "Hello, Ada!")]
    [InlineData("test_input_required_result_sampling", "The model answered: Paris, said the model")]
    [InlineData("test_input_required_result_list_roots", "The client shared 1 root(s): file:///home/dev/project")]
    public async Task A_2025_client_is_asked_on_its_session_what_a_2026_backend_asked_by_input_required_result(string tool, string expected)
    {
        var answers = new ClientAnswers();
        var client = await gateways.To2026Backend.ConnectAsync("2025-11-25", answers.Configure);

        var result = await client.CallToolAsync(tool, cancellationToken: Token);

        Assert.Equal(expected, result.Text());
        Assert.Equal(1, answers.Asked);
    }

    [Theory]
    [InlineData("test_sampling", "prompt", "LLM response: Paris, said the model")]
    [InlineData("test_elicitation", "message", "User response: action=accept")]
    public async Task A_2026_client_answers_by_retrying_what_a_2025_backend_asked_mid_call(string tool, string argument, string expected)
    {
        var answers = new ClientAnswers();
        var client = await gateways.To2025Backend.ConnectAsync(null, answers.Configure);

        var result = await client.CallToolAsync(tool, new Dictionary<string, object?> { [argument] = "Capital of France?" }, cancellationToken: Token);

        Assert.Equal("2026-07-28", client.NegotiatedProtocolVersion);
        Assert.StartsWith(expected, result.Text());
        Assert.Equal(1, answers.Asked);
        Assert.Equal(0, gateways.To2025Backend.Services.GetRequiredService<Gateway.Relaying.SuspendedCalls>().Count);
    }

    [Fact]
    public async Task A_retry_under_another_tool_name_does_not_resume_the_suspended_call()
    {
        using var http = new HttpClient();
        var question = new JsonObject { ["prompt"] = "Capital of France?" };
        var asked = await RawMcp.AnswerAsync(http, ToolCall("test_sampling", question));
        var state = (string)asked["result"]!["requestState"]!;
        var key = asked["result"]!["inputRequests"]!.AsObject().Single().Key;
        var answers = new JsonObject
        {
            [key] = new JsonObject
            {
                ["role"] = "assistant",
                ["model"] = "test-model",
                ["content"] = new JsonObject { ["type"] = "text", ["text"] = ClientAnswers.ModelAnswer },
            },
        };

        var refused = await RawMcp.AnswerAsync(http, ToolCall("test_simple_text", new JsonObject(), state, answers));
        var resumed = await RawMcp.AnswerAsync(http, ToolCall("test_sampling", question, state, answers));

        Assert.Equal((int)McpErrorCode.InvalidParams, (int?)refused["error"]?["code"]);
        Assert.Contains("another tool", (string?)refused["error"]?["message"]);
        Assert.StartsWith("LLM response: " + ClientAnswers.ModelAnswer, (string?)resumed["result"]?["content"]?[0]?["text"]);
    }

    [Fact]
    public async Task A_retry_naming_no_suspended_call_is_invalid_params()
    {
        var client = await gateways.To2025Backend.ConnectAsync();
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.SendRequestAsync(new JsonRpcRequest
        {
            Method = RequestMethods.ToolsCall,
            Params = new System.Text.Json.Nodes.JsonObject
            {
                ["name"] = "test_sampling",
                ["arguments"] = new System.Text.Json.Nodes.JsonObject { ["prompt"] = "x" },
                ["requestState"] = Gateway.Relaying.SuspendedCalls.StatePrefix + "00112233",
                ["inputResponses"] = new System.Text.Json.Nodes.JsonObject(),
            },
        }, Token));

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
    }

    private HttpRequestMessage ToolCall(string name, JsonObject arguments, string? requestState = null, JsonObject? inputResponses = null)
    {
        var parameters = new JsonObject { ["name"] = name, ["arguments"] = arguments.DeepClone() };
        if (requestState is not null)
        {
            parameters["requestState"] = requestState;
            parameters["inputResponses"] = inputResponses?.DeepClone();
        }

        return RawMcp.Request(gateways.To2025Backend.Endpoint, RequestMethods.ToolsCall, parameters, token: null, name);
    }
}
