using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Tests.Infrastructure;

namespace EnterpriseMcp.Hosting.Tests.Tools;

/// <summary>Arguments that do not fit a tool's input schema are answered with a tool error naming each wrong argument.</summary>
public sealed class ToolArgumentTests : IAsyncLifetime
{
    private TestTokenIssuer _issuer = null!;
    private ResourceServerTestApp _server = null!;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestTokenIssuer.StartAsync();
        _server = await ResourceServerTestApp.StartAsync(_issuer.Issuer);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    public static TheoryData<string, string> WrongArguments => new()
    {
        { "{}", "'text' is required (a string)" },
        { """{"text": null}""", "'text' must be a string, not null" },
        { """{"text": 42}""", "'text' must be a string, not a number" },
        { """{"text": {"a": 1}}""", "'text' must be a string, not an object" },
        { """{"text": "x", "priority": "high"}""", "'priority' must be a whole number from -2147483648 to 2147483647, not a string" },
        { """{"text": "x", "priority": 1.5}""", "'priority' must be a whole number from -2147483648 to 2147483647, not 1.5" },
        { """{"text": "x", "priority": 99999999999}""", "'priority' must be a whole number from -2147483648 to 2147483647, not 99999999999" },
    };

    [Theory]
    [MemberData(nameof(WrongArguments))]
    public async Task A_wrong_argument_is_named_with_what_was_expected(string arguments, string problem)
    {
        var result = await CallWriteNoteAsync(JsonNode.Parse(arguments)!.AsObject());

        Assert.True((bool?)result["isError"]);
        var text = (string?)result["content"]![0]!["text"];
        Assert.Contains("Invalid arguments for 'write_note'", text);
        Assert.Contains(problem, text);
        Assert.DoesNotContain("An error occurred", text);
    }

    [Fact]
    public async Task Every_problem_is_listed_at_once()
    {
        var result = await CallWriteNoteAsync(new JsonObject { ["priority"] = "high" });

        var text = (string?)result["content"]![0]!["text"];
        Assert.Contains("'text' is required", text);
        Assert.Contains("'priority' must be a whole number", text);
    }

    [Fact]
    public async Task Arguments_that_fit_reach_the_tool()
    {
        var result = await CallWriteNoteAsync(new JsonObject { ["text"] = "x", ["priority"] = 2 });

        Assert.NotEqual(true, (bool?)result["isError"]);
        Assert.Equal("written: x (priority 2)", (string?)result["content"]![0]!["text"]);
    }

    private async Task<JsonObject> CallWriteNoteAsync(JsonObject arguments)
    {
        var request = McpRequests.Stateless("tools/call", new JsonObject { ["name"] = "write_note", ["arguments"] = arguments }, name: "write_note");
        var token = _issuer.Mint("alice", new Uri(_server.BaseAddress, "/mcp").ToString(), "notes.read notes.write");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _server.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var answer = await McpResponses.ReadAnswerAsync(response);
        return answer["result"]!.AsObject();
    }
}
