using EnterpriseMcp.Gateway.Configuration;
using EnterpriseMcp.Gateway.RateLimiting;
using EnterpriseMcp.Gateway.Tests.Infrastructure;
using EnterpriseMcp.Hosting.ScaleOut;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EnterpriseMcp.Gateway.Tests.ScaleOut;

/// <summary>
/// What one gateway replica has of the shared limits: a connection of its own to Redis (set up as the gateway sets it up:
/// not waiting for Redis at start, failing at once while it is away) and a Redis limiter over its own memory.
/// </summary>
internal sealed class RedisReplica : IAsyncDisposable
{
    private readonly InMemoryCallLimiter _memory;
    private readonly ConnectionMultiplexer _redis;

    private RedisReplica(InMemoryCallLimiter memory, ConnectionMultiplexer redis, ICallLimiter limiter, RecordedLogs logs)
    {
        _memory = memory;
        _redis = redis;
        Limiter = limiter;
        Logs = logs;
    }

    public ICallLimiter Limiter { get; }

    public RecordedLogs Logs { get; }

    public IServer Server => _redis.GetServer(_redis.GetEndPoints()[0]);

    public IDatabase Database => _redis.GetDatabase();

    public static async Task<RedisReplica> StartAsync(RedisServer server, string keyPrefix, params (string Key, string Value)[] limits)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(limits.Select(setting => KeyValuePair.Create($"{RateLimitOptions.SectionName}:{setting.Key}", (string?)setting.Value)))
            .Build();
        var options = new RateLimitOptions();
        configuration.GetSection(RateLimitOptions.SectionName).Bind(options);
        var settings = new GatewaySettingsMonitor(configuration, [], [], [new RateLimitOptionsValidator()], NullLogger<GatewaySettingsMonitor>.Instance);
        var memory = new InMemoryCallLimiter(Options.Create(options), settings);

        var connection = ConfigurationOptions.Parse(server.ConnectionString);
        connection.AbortOnConnectFail = false;
        connection.BacklogPolicy = BacklogPolicy.FailFast;
        var redis = await ConnectionMultiplexer.ConnectAsync(connection);
        var logs = new RecordedLogs();
        var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));
        var limiter = new RedisCallLimiter(memory, redis, Options.Create(new McpRedisOptions { KeyPrefix = keyPrefix }), loggers.CreateLogger<RedisCallLimiter>());
        return new RedisReplica(memory, redis, limiter, logs);
    }

    public async ValueTask DisposeAsync()
    {
        _memory.Dispose();
        await _redis.DisposeAsync();
    }
}
