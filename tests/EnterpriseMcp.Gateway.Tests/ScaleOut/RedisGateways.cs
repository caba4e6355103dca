using EnterpriseMcp.Gateway.Tests.Infrastructure;

namespace EnterpriseMcp.Gateway.Tests.ScaleOut;

/// <summary>
/// The conformance fixture behind gateway replicas that share one real Redis (<c>ConnectionStrings:redis</c>), the
/// fixture spoken to in 2025-11-25 so that its mid-call questions reach 2026 clients as suspended calls.
/// </summary>
public sealed class RedisGateways : IAsyncLifetime
{
    private readonly List<GatewayHost> _replicas = [];

    public EnterpriseMcp.Tools.Testing.RedisServer Redis { get; } = new();

    public ToolServerHost Fixture { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Redis.StartAsync();
        Fixture = await TestBackends.StartFixtureAsync();
    }

    /// <summary>Redis, the fixture and <paramref name="count"/> replicas, in <see cref="Replicas"/>.</summary>
    public static async Task<RedisGateways> StartAsync(int count)
    {
        var gateways = new RedisGateways();
        await gateways.InitializeAsync();
        for (var index = 0; index < count; index++)
        {
            await gateways.StartReplicaAsync();
        }

        return gateways;
    }

    public IReadOnlyList<GatewayHost> Replicas => _replicas;

    public async Task<GatewayHost> StartReplicaAsync()
    {
        var settings = TestBackends.Settings(("fixture", Fixture.McpUrl()));
        settings["Gateway:Backends:fixture:Prefix"] = "";
        settings["Gateway:Backends:fixture:ProtocolVersion"] = "2025-11-25";
        settings["ConnectionStrings:redis"] = Redis.ConnectionString;
        var replica = await GatewayHost.StartAsync(settings);
        _replicas.Add(replica);
        return replica;
    }

    /// <summary>Stops a replica as a graceful shutdown would.</summary>
    public async Task StopReplicaAsync(GatewayHost replica)
    {
        _replicas.Remove(replica);
        await replica.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await Fixture.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
