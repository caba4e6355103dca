using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using EnterpriseMcp.AppHost.Model;
using EnterpriseMcp.AppHost.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnterpriseMcp.AppHost.Tests.Redis;

/// <summary>The Redis a local run starts by default (Debian's redis-server), and the gateway on it.</summary>
public sealed class SharedRedisTests(AspireSystem system)
{
    [Fact]
    public async Task Redis_runs_healthy_and_the_gateway_is_given_it_and_connected_to_it()
    {
        var redis = system.Snapshot(ResourceNames.Redis);
        Assert.Equal(KnownResourceStates.Running, redis.State?.Text);
        Assert.Equal(HealthStatus.Healthy, redis.HealthStatus);
        var port = system.App.GetEndpoint(ResourceNames.Redis, "tcp").Port;

        var connectionString = system.Snapshot(ResourceNames.Gateway).EnvironmentVariables
            .SingleOrDefault(variable => variable.Name == "ConnectionStrings__redis")?.Value;

        Assert.Equal($"127.0.0.1:{port}", connectionString);
        // The gateway's own check: it pings Redis over the connection it made from that string.
        Assert.Equal("Healthy", await GatewayHealth.CheckStatusAsync(system.App.GetEndpoint(ResourceNames.Gateway, "http"), "redis"));
    }
}
