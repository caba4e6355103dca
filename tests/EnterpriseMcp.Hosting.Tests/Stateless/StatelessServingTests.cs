using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Tests.Infrastructure;

namespace EnterpriseMcp.Hosting.Tests.Stateless;

/// <summary>2026-07-28 clients discover the server and call it without a session.</summary>
public sealed class StatelessServingTests
{
    [Fact]
    public async Task ServerDiscover_AdvertisesTheStatelessRevisionAndCapabilities()
    {
        await using var server = await McpTestServer.StartAsync();

        using var response = await server.Client.SendAsync(McpRequests.Stateless("server/discover"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await McpResponses.ReadAnswerAsync(response))["result"];
        var versions = result?["supportedVersions"]?.AsArray().Select(v => v?.GetValue<string>()).ToList();
        Assert.NotNull(versions);
        Assert.Contains(McpRequests.Latest, versions);
        Assert.NotNull(result?["capabilities"]?["tools"]);
    }

    [Fact]
    public async Task ToolsList_IsServedWithoutASession()
    {
        await using var server = await McpTestServer.StartAsync();

        using var response = await server.Client.SendAsync(McpRequests.Stateless("tools/list"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
        var tools = (await McpResponses.ReadAnswerAsync(response))["result"]?["tools"]?.AsArray();
        Assert.NotNull(tools);
        Assert.Contains(tools, tool => tool?["name"]?.GetValue<string>() == "test_simple_text");
    }

    [Fact]
    public async Task ToolsCall_IsServedWithoutASession()
    {
        await using var server = await McpTestServer.StartAsync();

        using var response = await server.Client.SendAsync(StatelessPost.CallTool("test_simple_text"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
        var answer = await McpResponses.ReadAnswerAsync(response);
        Assert.Equal(1, answer["id"]?.GetValue<int>());
        Assert.Equal("This is a simple text response for testing.", answer["result"]?["content"]?[0]?["text"]?.GetValue<string>());
    }

    [Fact]
    public async Task ToolsCall_InJsonResponseMode_IsAnsweredWithOneJsonBody()
    {
        await using var server = await McpTestServer.StartAsync(new Dictionary<string, string?> { ["Mcp:Http:ResponseMode"] = "Json" });

        using var response = await server.Client.SendAsync(StatelessPost.CallTool("test_simple_text"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var answer = await McpResponses.ReadJsonAsync(response);
        Assert.Equal("This is a simple text response for testing.", answer["result"]?["content"]?[0]?["text"]?.GetValue<string>());
    }

    [Fact]
    public async Task ToolNeedingAnUndeclaredCapability_IsRefusedAsMissingClientCapability()
    {
        await using var server = await McpTestServer.StartAsync();

        using var response = await server.Client.SendAsync(StatelessPost.CallTool("test_missing_capability"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(-32021, StatelessPost.CodeOf(await StatelessPost.ErrorOf(response)));
    }

    [Fact]
    public async Task ToolsCall_SeesTheAuthenticatedUser()
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = McpRequests.Stateless("tools/call", new JsonObject { ["name"] = "whoami" }, "whoami", user: "alice");
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        var answer = await McpResponses.ReadAnswerAsync(response);
        Assert.Equal("alice", answer["result"]?["content"]?[0]?["text"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task GetAndDelete_AreNotAllowedOnTheStatelessRevision(string method)
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), "/mcp");
        request.Headers.Add("Accept", "text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", McpRequests.Latest);
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }
}
