using System.Diagnostics;
using EnterpriseMcp.Gateway.Tests.Infrastructure;

namespace EnterpriseMcp.Gateway.Tests.Resilience;

/// <summary>
/// <c>Gateway:StartupWait</c>: a gateway started together with its backends (as the AppHost starts them) waits for each
/// to accept connections, then lists it, and does not count the backend's start-up against its circuit.
/// </summary>
public sealed class StartupWaitTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_gateway_started_before_its_backend_waits_for_it_and_serves_its_tools_with_the_circuit_closed()
    {
        await using var jira = await TestBackends.StartJiraProcessAsync();
        jira.Kill();
        var settings = TestBackends.Settings(("jira", jira.McpUrl));
        settings["Gateway:StartupWait"] = "00:00:30";
        // One counted failure would open the circuit for ten minutes.
        settings["Gateway:Backends:jira:FailureThreshold"] = "1";
        settings["Gateway:Backends:jira:BreakDuration"] = "00:10:00";
        settings["Gateway:Backends:jira:ProbeInterval"] = "00:10:00";

        var starting = GatewayHost.StartAsync(settings);
        await Task.Delay(TimeSpan.FromSeconds(1.5), Token);
        Assert.False(starting.IsCompleted, "the gateway started serving before its backend listened");
        await jira.StartAsync();
        await using var gateway = await starting;

        Assert.Equal("up", await gateway.StateOfAsync("jira"));
        var client = await gateway.ConnectAsync("2025-11-25");
        Assert.Contains("DEMO", (await client.CallToolAsync("jira__list_projects", cancellationToken: Token)).Text());
    }

    [Fact]
    public async Task A_backend_that_never_listens_delays_the_start_by_the_wait_only_and_is_reported()
    {
        var logs = new RecordedLogs();
        var settings = TestBackends.Settings(("gone", "http://127.0.0.1:9/mcp"));
        settings["Gateway:StartupWait"] = "00:00:01";

        var started = Stopwatch.StartNew();
        await using var gateway = await GatewayHost.StartAsync(settings, logs: logs);
        started.Stop();

        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.Contains(logs.Warnings, message => message.Contains("Backend 'gone' did not accept connections within the start-up wait of 1 s"));
        Assert.NotEqual("up", await gateway.StateOfAsync("gone"));
    }

    [Fact]
    public async Task A_negative_wait_is_refused_naming_the_setting()
    {
        var settings = TestBackends.Settings(("gone", "http://127.0.0.1:9/mcp"));
        settings["Gateway:StartupWait"] = "-00:00:01";

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(settings));

        Assert.Contains("Gateway:StartupWait must not be negative", refused.Message);
    }
}
