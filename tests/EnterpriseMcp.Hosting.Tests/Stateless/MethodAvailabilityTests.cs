using System.Net;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Tests.Infrastructure;

namespace EnterpriseMcp.Hosting.Tests.Stateless;

/// <summary>
/// A method 2026-07-28 removed, or one that never existed, is not found: -32601 with HTTP 404 so
/// intermediaries see the failure without reading the body.
/// </summary>
public sealed class MethodAvailabilityTests
{
    private const int MethodNotFound = -32601;

    [Theory]
    [InlineData("initialize")]
    [InlineData("ping")]
    [InlineData("logging/setLevel")]
    [InlineData("resources/subscribe")]
    [InlineData("resources/unsubscribe")]
    public async Task RemovedMethod_IsNotFound(string method)
    {
        await using var server = await McpTestServer.StartAsync();

        var parameters = method.StartsWith("resources/", StringComparison.Ordinal) ? new JsonObject { ["uri"] = "test://static-text" } : null;
        using var request = McpRequests.Stateless(method, parameters, id: 11);
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var answer = await McpResponses.ReadAnswerAsync(response);
        Assert.Equal(11, answer["id"]?.GetValue<int>());
        Assert.Equal(MethodNotFound, StatelessPost.CodeOf((JsonObject)answer["error"]!));
    }

    [Theory]
    [InlineData("Sse")]
    [InlineData("Json")]
    public async Task UnknownMethod_IsNotFound(string responseMode)
    {
        await using var server = await McpTestServer.StartAsync(new Dictionary<string, string?> { ["Mcp:Http:ResponseMode"] = responseMode });

        using var response = await server.Client.SendAsync(McpRequests.Stateless("nope/nothing", id: 12), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var answer = await McpResponses.ReadAnswerAsync(response);
        Assert.Equal(12, answer["id"]?.GetValue<int>());
        Assert.Equal(MethodNotFound, StatelessPost.CodeOf((JsonObject)answer["error"]!));
    }

    [Fact]
    public async Task UnknownMethod_OnASession_KeepsHttp200()
    {
        await using var server = await McpTestServer.StartAsync();
        using var initialize = await server.Client.SendAsync(McpRequests.Post(McpRequests.Initialize()), TestContext.Current.CancellationToken);
        var sessionId = initialize.Headers.GetValues("Mcp-Session-Id").Single();

        using var request = McpRequests.Post(McpRequests.Request("nope/nothing"), McpRequests.Previous, sessionId);
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MethodNotFound, StatelessPost.CodeOf(await StatelessPost.ErrorOf(response)));
    }
}
