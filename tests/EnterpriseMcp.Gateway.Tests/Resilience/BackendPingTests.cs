using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseMcp.Gateway.Tests.Resilience;

/// <summary>
/// The monitor asks each backend every few seconds whether it is there. 2026-07-28 removed <c>ping</c>: a backend of that
/// revision must be asked in its own terms, or every tick is a failed call (and the backend error ratio alerts on an
/// idle system).
/// </summary>
public sealed class BackendPingTests
{
    [Theory]
    [InlineData("2026-07-28")]
    [InlineData("2025-11-25")]
    public async Task A_backend_is_pinged_in_its_own_revision_and_answers_without_an_error(string version)
    {
        await using var jira = await TestBackends.StartJiraAsync();
        var settings = TestBackends.Settings(("jira", jira.McpUrl()));
        settings["Gateway:Backends:jira:ProtocolVersion"] = version;
        await using var gateway = await GatewayHost.StartAsync(settings);
        var backend = gateway.Services.GetRequiredService<BackendRegistry>().Backends.Single();

        var answer = await backend.PingAsync(probe: false, TestContext.Current.CancellationToken);

        Assert.NotNull(answer);
    }
}
