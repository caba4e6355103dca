using EnterpriseMcp.Hosting.ScaleOut;
using EnterpriseMcp.Hosting.Sessions;
using EnterpriseMcp.Hosting.Streams;
using ModelContextProtocol.Server;

namespace Microsoft.Extensions.DependencyInjection;

public static class McpRedisServiceCollectionExtensions
{
    /// <summary>
    /// Keeps sessions and their event streams in Redis (an <see cref="StackExchange.Redis.IConnectionMultiplexer"/>
    /// registered by the caller), so that any replica serves any session. Call before <c>AddMcpHosting</c>, whose
    /// in-memory stores are then left out. Key names start with <c>Mcp:Redis:KeyPrefix</c>.
    /// </summary>
    public static IServiceCollection AddMcpRedisStores(this IServiceCollection services)
    {
        services.AddOptions<McpRedisOptions>().BindConfiguration(McpRedisOptions.SectionName);
        services.AddSingleton<RedisKeys>();
        services.AddSingleton<IMcpSessionStore, RedisMcpSessionStore>();
        services.AddSingleton<RedisEventStreamStore>();
        services.AddSingleton<ISseEventStreamStore>(sp => sp.GetRequiredService<RedisEventStreamStore>());
        services.AddHostedService<StreamHandOverInbox>();
        services.AddSingleton<SharedNotifierLeadership>();
        services.AddSingleton<ClientAnswerRouting>();
        services.AddHostedService<ClientAnswerInbox>();
        services.AddOptions<McpServerOptions>().Configure<ClientAnswerRouting>((server, answers) =>
            server.Filters.Message.OutgoingFilters.Add(answers.Recorder()));
        services.AddHostedService(sp => sp.GetRequiredService<SharedNotifierLeadership>());
        return services;
    }
}
