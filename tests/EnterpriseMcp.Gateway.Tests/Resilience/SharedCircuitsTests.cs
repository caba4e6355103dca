using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Gateway.Resilience;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;

namespace EnterpriseMcp.Gateway.Tests.Resilience;

/// <summary>Two gateway replicas sharing one Redis: one replica's open circuit opens the other's, and its successful probe closes both.</summary>
public sealed class SharedCircuitsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_replica_finding_a_backend_dead_opens_the_others_circuit_and_its_successful_probe_closes_it()
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        await using var jira = await TestBackends.StartJiraProcessAsync();
        // The first replica opens at the first failure and probes soon; the second would neither open nor probe by itself.
        await using var first = await GatewayHost.StartAsync(Settings(jira, redis, failureThreshold: 1, probeInterval: "00:00:00.200"));
        await using var second = await GatewayHost.StartAsync(Settings(jira, redis, failureThreshold: 1000, probeInterval: "01:00:00"));
        var client = await first.ConnectAsync("2025-11-25");
        Assert.Contains("DEMO", (await client.CallToolAsync("jira__list_projects", cancellationToken: Token)).Text());

        jira.Kill();
        await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("jira__list_projects", cancellationToken: Token).AsTask());

        Assert.True(await Eventually.TrueAsync(() => CircuitOf(second) == CircuitState.Open), "the second replica's circuit did not open");

        await jira.StartAsync();

        Assert.True(await Eventually.TrueAsync(() => CircuitOf(second) == CircuitState.Closed, seconds: 30),
            "the second replica's circuit did not close when the first one's probe succeeded");
    }

    private static CircuitState CircuitOf(GatewayHost gateway) =>
        gateway.Services.GetRequiredService<BackendRegistry>().Backends.Single(backend => backend.Name == "jira").Circuit.State;

    private static Dictionary<string, string?> Settings(BackendProcess jira, RedisServer redis, int failureThreshold, string probeInterval)
    {
        var settings = TestBackends.Settings(("jira", jira.McpUrl));
        settings["ConnectionStrings:redis"] = redis.ConnectionString;
        settings["Gateway:Backends:jira:FailureThreshold"] = $"{failureThreshold}";
        settings["Gateway:Backends:jira:ProbeInterval"] = probeInterval;
        settings["Gateway:Backends:jira:BreakDuration"] = "02:00:00";
        return settings;
    }
}
