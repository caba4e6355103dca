using EnterpriseMcp.Hosting.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace EnterpriseMcp.Hosting.Tests.ScaleOut;

/// <summary>
/// A real Redis and replicas of the fixture server that keep their sessions and event streams in it, each with its own
/// connection, as separate processes would. Connections fail fast while Redis is away, as the gateway's do.
/// </summary>
public sealed class RedisReplicas : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    public EnterpriseMcp.Tools.Testing.RedisServer Redis { get; } = new();

    public async ValueTask InitializeAsync() => await Redis.StartAsync();

    public async Task<McpTestServer> StartReplicaAsync(IDictionary<string, string?>? settings = null)
    {
        var options = ConfigurationOptions.Parse(Redis.ConnectionString);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        _owned.Add(connection);
        var replica = await McpTestServer.StartAsync(settings, services =>
        {
            services.AddSingleton<IConnectionMultiplexer>(connection);
            services.AddMcpRedisStores();
        });
        _owned.Add(replica);
        return replica;
    }

    public async ValueTask DisposeAsync()
    {
        for (var index = _owned.Count - 1; index >= 0; index--)
        {
            await _owned[index].DisposeAsync();
        }

        await Redis.DisposeAsync();
    }
}
