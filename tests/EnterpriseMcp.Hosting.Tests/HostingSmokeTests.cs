using System.Net;
using EnterpriseMcp.Hosting.Tests.Infrastructure;

namespace EnterpriseMcp.Hosting.Tests;

public sealed class HostingSmokeTests
{
    [Fact]
    public async Task Initialize_IssuesASessionAndAnswersOverSse()
    {
        await using var server = await McpTestServer.StartAsync();

        using var response = await server.Client.SendAsync(McpRequests.Post(McpRequests.Initialize()), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(response.Headers.GetValues("Mcp-Session-Id"));
        var answer = await McpResponses.ReadAnswerAsync(response);
        Assert.Equal(McpRequests.Previous, answer["result"]?["protocolVersion"]?.GetValue<string>());
    }
}
