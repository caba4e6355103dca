using EnterpriseMcp.AppHost.Model;

namespace EnterpriseMcp.AppHost.Redis;

public static class LocalRedis
{
    /// <summary>
    /// Redis on 127.0.0.1 in protected mode, in memory only (no snapshot, no append-only file): what the gateway keeps
    /// there (sessions, event streams, limits, circuits) is worth nothing after a restart of the whole system.
    /// </summary>
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(this IDistributedApplicationBuilder builder, string server, int port, DataFolder data)
    {
        var folder = data.For(ResourceNames.Redis);
        return builder.AddResource(new LocalRedisResource(ResourceNames.Redis, server, folder, port))
            .WithArgs("--bind", "127.0.0.1", "--port", $"{port}", "--protected-mode", "yes", "--save", "", "--appendonly", "no",
                "--dir", folder, "--daemonize", "no")
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithRedisPingHealthCheck();
    }
}
