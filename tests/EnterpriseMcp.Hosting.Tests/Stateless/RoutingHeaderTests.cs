using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Tests.Infrastructure;

namespace EnterpriseMcp.Hosting.Tests.Stateless;

/// <summary>
/// Intermediaries route 2026-07-28 requests on Mcp-Method, Mcp-Name and Mcp-Param-* without reading
/// the body, so the server refuses any of them that says something other than the body (-32020).
/// </summary>
public sealed class RoutingHeaderTests
{
    private const int HeaderMismatch = -32020;
    private const string SimpleText = "test_simple_text";

    [Fact]
    public async Task MissingMethodHeader_IsAHeaderMismatch()
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = StatelessPost.Create("tools/list", null, StatelessPost.Meta(), McpRequests.Latest, methodHeader: null);
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertHeaderMismatchAsync(response);
    }

    [Theory]
    [InlineData("prompts/list")]
    [InlineData("TOOLS/LIST")]
    public async Task MethodHeader_DifferingFromTheBody_IsAHeaderMismatch(string methodHeader)
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = StatelessPost.Create("tools/list", null, StatelessPost.Meta(), McpRequests.Latest, methodHeader);
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertHeaderMismatchAsync(response);
    }

    [Fact]
    public async Task HeaderNames_AreMatchedWhateverTheirCase()
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = StatelessPost.Create("tools/call", new JsonObject { ["name"] = SimpleText }, StatelessPost.Meta(),
            versionHeader: null, methodHeader: null);
        request.Headers.TryAddWithoutValidation("mcp-protocol-version", McpRequests.Latest);
        request.Headers.TryAddWithoutValidation("MCP-METHOD", "tools/call");
        request.Headers.TryAddWithoutValidation("mcp-name", SimpleText);
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertSimpleTextAnsweredAsync(response);
    }

    [Fact]
    public async Task MissingNameHeader_OnToolsCall_IsAHeaderMismatch()
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = StatelessPost.Create("tools/call", new JsonObject { ["name"] = SimpleText }, StatelessPost.Meta(),
            McpRequests.Latest, "tools/call", nameHeader: null);
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertHeaderMismatchAsync(response);
    }

    [Fact]
    public async Task NameHeader_DifferingFromTheBody_IsAHeaderMismatch()
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = StatelessPost.Create("tools/call", new JsonObject { ["name"] = SimpleText }, StatelessPost.Meta(),
            McpRequests.Latest, "tools/call", "whoami");
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertHeaderMismatchAsync(response);
    }

    [Fact]
    public async Task NameHeader_DifferingFromAResourceUri_IsAHeaderMismatch()
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = StatelessPost.Create("resources/read", new JsonObject { ["uri"] = "test://static-text" }, StatelessPost.Meta(),
            McpRequests.Latest, "resources/read", "test://other");
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertHeaderMismatchAsync(response);
    }

    [Fact]
    public async Task NameHeader_WithSurroundingWhitespace_IsAccepted()
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = StatelessPost.Create("tools/call", new JsonObject { ["name"] = SimpleText }, StatelessPost.Meta(),
            McpRequests.Latest, " tools/call\t", $" \t{SimpleText} ");
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertSimpleTextAnsweredAsync(response);
    }

    [Fact]
    public async Task NameHeader_InBase64Form_IsDecodedBeforeComparing()
    {
        await using var server = await McpTestServer.StartAsync();

        var encoded = $"=?base64?{Convert.ToBase64String(Encoding.UTF8.GetBytes(SimpleText))}?=";
        using var request = StatelessPost.Create("tools/call", new JsonObject { ["name"] = SimpleText }, StatelessPost.Meta(),
            McpRequests.Latest, "tools/call", encoded);
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertSimpleTextAnsweredAsync(response);
    }

    [Theory]
    [InlineData("=?base64?!!!!?=")]
    [InlineData("=?base64?dGVzdF9zaW1wbGVfdGV4dA?=")]
    public async Task NameHeader_WithInvalidBase64_IsAHeaderMismatch(string header)
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = StatelessPost.Create("tools/call", new JsonObject { ["name"] = SimpleText }, StatelessPost.Meta(),
            McpRequests.Latest, "tools/call", header);
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertHeaderMismatchAsync(response);
    }

    [Fact]
    public async Task ParamHeader_MatchingTheArgument_IsAccepted()
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = StatelessPost.CallTool("test_header_tool", new JsonObject { ["region"] = "eu-west-1", ["query"] = "q" });
        request.Headers.Add("Mcp-Param-Region", "eu-west-1");
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await McpResponses.ReadAnswerAsync(response);
        Assert.Equal("Executed in region eu-west-1: q", answer["result"]?["content"]?[0]?["text"]?.GetValue<string>());
    }

    [Fact]
    public async Task ParamHeader_MissingWhileTheArgumentIsSet_IsAHeaderMismatch()
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = StatelessPost.CallTool("test_header_tool", new JsonObject { ["region"] = "eu-west-1", ["query"] = "q" });
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertHeaderMismatchAsync(response);
    }

    [Fact]
    public async Task ParamHeader_DifferingFromTheArgument_IsAHeaderMismatch()
    {
        await using var server = await McpTestServer.StartAsync();

        using var request = StatelessPost.CallTool("test_header_tool", new JsonObject { ["region"] = "eu-west-1", ["query"] = "q" });
        request.Headers.Add("Mcp-Param-Region", "us-east-1");
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertHeaderMismatchAsync(response);
    }

    private static async Task AssertHeaderMismatchAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HeaderMismatch, StatelessPost.CodeOf(await StatelessPost.ErrorOf(response)));
    }

    private static async Task AssertSimpleTextAnsweredAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await McpResponses.ReadAnswerAsync(response);
        Assert.Equal("This is a simple text response for testing.", answer["result"]?["content"]?[0]?["text"]?.GetValue<string>());
    }
}
