using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Tests.Infrastructure;

namespace EnterpriseMcp.Hosting.Tests.Stateless;

/// <summary>
/// On 2026-07-28 the server cannot send requests of its own; a tool that needs the user's answer
/// returns an input-required result and finishes when the client retries with the answers.
/// </summary>
public sealed class InputRequiredTests
{
    private const string Tool = "test_input_required_result_elicitation";

    [Fact]
    public async Task ToolNeedingElicitation_AnswersWithAnInputRequiredResult()
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = StatelessPost.CallTool(Tool, capabilities: new JsonObject { ["elicitation"] = new JsonObject() });
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await McpResponses.ReadEventsAsync(response);
        Assert.DoesNotContain(events, e => e.Data?["method"] is not null && e.Data?["id"] is not null);
        var result = events.Select(e => e.Data).OfType<JsonObject>().Last(o => o["method"] is null)["result"];
        Assert.Equal("input_required", result?["resultType"]?.GetValue<string>());
        var question = result?["inputRequests"]?["user_name"];
        Assert.Equal("elicitation/create", question?["method"]?.GetValue<string>());
        Assert.Equal("What is your name?", question?["params"]?["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task RetryCarryingTheAnswer_CompletesTheCall()
    {
        await using var server = await McpTestServer.StartAsync();

        var parameters = new JsonObject
        {
            ["name"] = Tool,
            ["inputResponses"] = new JsonObject
            {
                ["user_name"] = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject { ["name"] = "Ada" } },
            },
        };
        var meta = StatelessPost.Meta(capabilities: new JsonObject { ["elicitation"] = new JsonObject() });
        using var request = StatelessPost.Create("tools/call", parameters, meta, McpRequests.Latest, "tools/call", Tool);
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        var result = (await McpResponses.ReadAnswerAsync(response))["result"];
        Assert.NotEqual("input_required", result?["resultType"]?.GetValue<string>());
        Assert.Equal("Hello, Ada!", result?["content"]?[0]?["text"]?.GetValue<string>());
    }
}
