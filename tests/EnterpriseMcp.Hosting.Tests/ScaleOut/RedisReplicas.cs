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

    /// <summary>The replicas started with Redis by <see cref="StartAsync"/>.</summary>
    public IReadOnlyList<McpTestServer> Replicas { get; private set; } = [];

    public async ValueTask InitializeAsync() => await Redis.StartAsync();

    /// <summary>Redis and <paramref name="count"/> replicas on it, each with <paramref name="settings"/>.</summary>
    public static async Task<RedisReplicas> StartAsync(int count = 2, IDictionary<string, string?>? settings = null)
    {
        var replicas = new RedisReplicas();
        await replicas.InitializeAsync();
        var started = new List<McpTestServer>();
        for (var index = 0; index < count; index++)
        {
            started.Add(await replicas.StartReplicaAsync(settings));
        }

        replicas.Replicas = started;
        return replicas;
    }

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

    /// <summary>The test's cancellation, cut at 20 s: a stream that never delivers fails the test instead of hanging it.</summary>
    public static CancellationTokenSource Deadline()
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        return deadline;
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
