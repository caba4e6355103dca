using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Tests.Infrastructure;

namespace EnterpriseMcp.Hosting.Tests.Transport;

public sealed class BadInputTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/event-stream")]
    public async Task PostNotAcceptingBothJsonAndEventStream_Gets406(string accept)
    {
        await using var server = await McpTestServer.StartAsync();
        using var request = McpRequests.Post(McpRequests.Initialize(), McpRequests.Previous);
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));

        using var response = await server.Client.SendAsync(request, Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task PlainTextBody_Gets415()
    {
        await using var server = await McpTestServer.StartAsync();
        using var request = McpRequests.Post(McpRequests.Initialize(), McpRequests.Previous);
        request.Content = new StringContent(McpRequests.Initialize(), Encoding.UTF8, "text/plain");

        using var response = await server.Client.SendAsync(request, Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BodyOverTheLimit_Gets413(bool chunked)
    {
        await using var server = await McpTestServer.StartAsync(new Dictionary<string, string?> { ["Mcp:Http:MaxRequestBodySize"] = "1024" });
        var body = McpRequests.Request("tools/call", new JsonObject
        {
            ["name"] = "test_simple_text",
            ["arguments"] = new JsonObject { ["padding"] = new string('x', 4096) },
        });
        using var request = McpRequests.Post(body, McpRequests.Previous);
        if (chunked)
        {
            request.Content = new ChunkedJsonContent(body);
        }

        Assert.Equal(chunked, request.Content!.Headers.ContentLength is null);

        using var response = await server.Client.SendAsync(request, Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("""{"jsonrpc":""")]
    [InlineData("")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping"} {}""")]
    public async Task MalformedJson_Gets400ParseErrorWithNullId(string json)
    {
        await using var server = await McpTestServer.StartAsync();

        using var response = await server.Client.SendAsync(McpRequests.Post(json, McpRequests.Previous), Cancellation);

        var body = await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, -32700);
        Assert.True(body.ContainsKey("id"), "A parse error must carry \"id\": null.");
        Assert.Null(body["id"]);
    }

    [Theory]
    [InlineData("""{"hello":1}""")]
    [InlineData("42")]
    [InlineData("[]")]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"ping"}]""")]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"ping"}""")]
    // Member names are the spec's, matched case-sensitively as the SDK reads protocol messages: "Method" is no method.
    [InlineData("""{"jsonrpc":"2.0","id":1,"Method":"ping"}""")]
    [InlineData("""{"JSONRPC":"2.0","ID":1,"METHOD":"ping"}""")]
    public async Task JsonThatIsNotOneJsonRpcMessage_Gets400InvalidRequest(string json)
    {
        await using var server = await McpTestServer.StartAsync();

        using var response = await server.Client.SendAsync(McpRequests.Post(json, McpRequests.Previous), Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, -32600);
    }

    [Fact]
    public async Task UnsupportedProtocolVersionHeader_Gets400NamingSupportedAndRequested()
    {
        await using var server = await McpTestServer.StartAsync();

        using var response = await server.Client.SendAsync(McpRequests.Post(McpRequests.Initialize(), "1999-01-01"), Cancellation);

        var body = await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, -32022);
        var data = body["error"]!["data"]!;
        Assert.Equal("1999-01-01", data["requested"]?.GetValue<string>());
        var supported = data["supported"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        Assert.Contains(McpRequests.Previous, supported);
        Assert.DoesNotContain("1999-01-01", supported);
    }

    [Fact]
    public async Task InitializeVersionDisagreeingWithHeader_Gets400HeaderMismatch()
    {
        await using var server = await McpTestServer.StartAsync();

        using var response = await server.Client.SendAsync(
            McpRequests.Post(McpRequests.Initialize(McpRequests.Previous), "2025-06-18"), Cancellation);

        var body = await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, -32020);
        Assert.Equal(1, body["id"]?.GetValue<int>());
    }
}
