using EnterpriseMcp.Hosting.Authorization;
using EnterpriseMcp.Hosting.Configuration;
using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using EnterpriseMcp.Hosting.ScaleOut;
using EnterpriseMcp.Hosting.Sessions;
using EnterpriseMcp.Hosting.Streams;
using EnterpriseMcp.Hosting.Telemetry;
using EnterpriseMcp.Hosting.Tools;
using EnterpriseMcp.Hosting.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace Microsoft.Extensions.DependencyInjection;

public static class McpHostingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Streamable HTTP hosting of an MCP server whose tools, resources, prompts and
    /// handlers <paramref name="configureServer"/> sets. Transport settings bind from <c>Mcp:Http</c>.
    /// Session and event-stream stores are in memory unless another <see cref="EnterpriseMcp.Hosting.Sessions.IMcpSessionStore"/>
    /// or <see cref="ISseEventStreamStore"/> is registered.
    /// </summary>
    public static IServiceCollection AddMcpHosting(this IServiceCollection services, Action<McpServerOptions> configureServer)
    {
        services.AddOptions<McpHttpOptions>().BindConfiguration(McpHttpOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<McpHttpOptions>, McpHttpOptionsValidator>());
        services.Configure(configureServer);
        services.Configure<McpServerOptions>(server =>
        {
            server.Filters.Message.OutgoingFilters.Add(OperationOutcomeFilter.Create());
            server.Filters.Message.OutgoingFilters.Add(DiscoveredCapabilities.Create());
            server.Filters.Request.CallToolFilters.Add(ToolArgumentFilter.Create());
        });
        services.AddOptions<McpServerOptions>().Configure<IMcpSessionStore>((server, store) =>
            server.Filters.Message.IncomingFilters.Add(SessionLogLevel.Recorder(store)));

        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new ProtocolErrorLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(), sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(), sp.GetService<IExternalScopeProvider>()))));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReplicaIdentity>();
        services.TryAddSingleton<IMcpSessionStore, InMemoryMcpSessionStore>();
        services.TryAddSingleton<ISseEventStreamStore, InMemoryEventStreamStore>();
        services.TryAddSingleton<McpServerFactory>();
        services.AddMetrics();
        services.TryAddSingleton<McpSessionManager>();
        services.TryAddSingleton(sp => new McpSessionNotifier(sp.GetRequiredService<McpSessionManager>(),
            sp.GetService<ISseEventStreamStore>() as ISharedSessionStreams, sp.GetService<SharedNotifierLeadership>()));
        services.TryAddSingleton<IMcpToolDirectory, ServerToolDirectory>();
        services.TryAddSingleton<OriginValidator>();
        services.TryAddSingleton<McpTransportPost>();
        services.TryAddSingleton<McpShortcutPost>();
        services.TryAddSingleton<IMcpRequestAuthorizer, ToolScopeAuthorizer>();
        services.TryAddSingleton<McpAccessCheck>();
        services.TryAddSingleton<McpPostHandler>();
        services.TryAddSingleton<McpGetHandler>();
        services.TryAddSingleton<McpDeleteHandler>();
        services.AddHostedService<McpSessionSweeper>();
        return services;
    }
}
