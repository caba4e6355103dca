using EnterpriseMcp.AppHost.Model;
using EnterpriseMcp.AppHost.Prerequisites;

namespace EnterpriseMcp.AppHost.Redis;

/// <summary>
/// The Redis where the gateway keeps what its replicas share (sessions, event streams, rate limits, circuits): Debian's
/// server in a local run, Aspire's Redis container when publishing, as PostgreSQL is. Either way a reference to it
/// gives the gateway <c>ConnectionStrings__redis</c>, so the manifest carries the wiring rather than an address.
/// </summary>
public static class SharedRedis
{
    /// <summary>The password of a deployment's Redis: generated at deployment, as long as the system's other secrets.</summary>
    public const string Password = "redis-password";

    /// <param name="port">The port of a local run's server; a deployment's container has its own.</param>
    public static IResourceBuilder<IResourceWithConnectionString> AddSharedRedis(this IDistributedApplicationBuilder builder, int port, DataFolder data)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            // Loopback only and in protected mode: no password, as for the other local resources.
            return builder.AddLocalRedis(MachineChecks.RedisServer(), port, data);
        }

        var password = builder.AddParameter(Password, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
        return builder.AddRedis(ResourceNames.Redis, password: password);
    }

    /// <summary>The gateway connects when it starts; waiting spares its first requests a Redis not there yet (503).</summary>
    public static IResourceBuilder<IResourceWithServiceDiscovery> WithSharedRedis(this IResourceBuilder<IResourceWithServiceDiscovery> gateway,
        IResourceBuilder<IResourceWithConnectionString> redis)
    {
        gateway.As<IResourceWithEnvironment>().WithReference(redis);
        gateway.As<IResourceWithWaitSupport>().WaitFor(redis);
        return gateway;
    }
}
