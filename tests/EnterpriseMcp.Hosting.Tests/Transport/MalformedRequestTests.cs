using System.Net;
using EnterpriseMcp.Hosting.Sessions;
using EnterpriseMcp.Hosting.Tests.Infrastructure;
using EnterpriseMcp.Tools.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseMcp.Hosting.Tests.Transport;

/// <summary>
/// Odd JSON shapes are the client's fault: each gets a 4xx with a JSON-RPC error body, never a 500, and the
/// server goes on serving.
/// </summary>
public sealed class MalformedRequestTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryMalformedRequest_Gets4xxJsonRpcError_AndTheServerStillServes()
    {
        await using var server = await McpTestServer.StartAsync();

        await MalformedMcpRequests.AssertNoServerFaultsAsync(server.BaseAddress);
    }

    [Fact]
    public async Task InitializeWithoutItsRequiredParams_Gets400InvalidParams_AndStartsNoSession()
    {
        await using var server = await McpTestServer.StartAsync();
        const string body = """{"jsonrpc":"2.0","id":3,"method":"initialize","params":{"capabilities":"none"}}""";

        using var response = await server.Client.SendAsync(MalformedMcpRequests.Post(body, McpRequests.Previous, null), Cancellation);

        var error = await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, -32602);
        Assert.Equal(3, error["id"]?.GetValue<int>());
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
        Assert.Equal(0, server.Services.GetRequiredService<McpSessionManager>().LiveCount);
    }

    [Fact]
    public async Task InitializeWithItsParamsInAnotherCase_Gets400InvalidParams_AsTheSdkReadsThemCaseSensitively()
    {
        await using var server = await McpTestServer.StartAsync();
        const string body = """
            {"jsonrpc":"2.0","id":4,"method":"initialize","params":{"ProtocolVersion":"2025-11-25","Capabilities":{},"ClientInfo":{"name":"c","version":"1"}}}
            """;

        using var response = await server.Client.SendAsync(MalformedMcpRequests.Post(body, McpRequests.Previous, null), Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, -32602);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
    }

    [Theory]
    [InlineData("\"text\"", McpRequests.Previous)]
    [InlineData("42", McpRequests.Previous)]
    [InlineData("[1,2]", McpRequests.Previous)]
    [InlineData("\"text\"", McpRequests.Latest)]
    [InlineData("[]", McpRequests.Latest)]
    public async Task ParamsThatAreNotAnObject_Get400InvalidParams(string parameters, string version)
    {
        await using var server = await McpTestServer.StartAsync();
        var body = $$"""{"jsonrpc":"2.0","id":7,"method":"tools/list","params":{{parameters}}}""";

        using var response = await server.Client.SendAsync(MalformedMcpRequests.Post(body, version, "tools/list"), Cancellation);

        var error = await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, -32602);
        Assert.Equal(7, error["id"]?.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a","name":"b"}}""", "name")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a","NAME":"b"}}""", "NAME")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"id":2,"method":"tools/list"}""", "id")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"x","arguments":{"a":1,"A":2}}}""", "A")]
    public async Task DuplicateKeys_Get400InvalidRequestNamingTheKey(string body, string key)
    {
        await using var server = await McpTestServer.StartAsync();

        using var response = await server.Client.SendAsync(MalformedMcpRequests.Post(body, McpRequests.Previous, null), Cancellation);

        var error = await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, -32600);
        Assert.Contains($"'{key}'", error["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonNestedTooDeep_Gets400SayingTheLimit_NotAParseError()
    {
        await using var server = await McpTestServer.StartAsync();
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var body = """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"x":""" + deep + "}}";

        using var response = await server.Client.SendAsync(MalformedMcpRequests.Post(body, McpRequests.Previous, null), Cancellation);

        var error = await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, -32600);
        var message = error["error"]!["message"]!.GetValue<string>();
        Assert.Contains("64", message, StringComparison.Ordinal);
        Assert.Contains("nest", message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MalformedJsonNestedDeeply_IsStillAParseError()
    {
        await using var server = await McpTestServer.StartAsync();
        var body = new string('[', 10_000) + "}";

        using var response = await server.Client.SendAsync(MalformedMcpRequests.Post(body, McpRequests.Previous, null), Cancellation);

        await JsonRpcErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, -32700);
    }
}
