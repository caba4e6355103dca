using EnterpriseMcp.Tools.Jira.Tests.Infrastructure;
using EnterpriseMcp.Tools.Testing;

namespace EnterpriseMcp.Tools.Jira.Tests.Embedded;

/// <summary>The Jira server answers malformed requests as its hosting layer does: a JSON-RPC error, never a 5xx.</summary>
public sealed class MalformedRequestTests
{
    [Fact]
    public async Task EveryMalformedRequest_Gets4xxJsonRpcError_AndTheServerStillServes()
    {
        await using var server = await JiraTestServer.StartAsync();

        await MalformedMcpRequests.AssertNoServerFaultsAsync(server.BaseAddress);
    }
}
