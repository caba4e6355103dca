using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Gateway.Configuration;
using EnterpriseMcp.Gateway.Credentials;
using EnterpriseMcp.Gateway.Pipeline;
using EnterpriseMcp.Gateway.Relaying;
using EnterpriseMcp.Gateway.Resilience;
using EnterpriseMcp.Gateway.Routing;
using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Tools;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway;

internal static class GatewayServiceCollectionExtensions
{
    /// <summary>The backends from <c>Gateway</c>, kept current, with their health and metrics.</summary>
    public static IServiceCollection AddGatewayBackends(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddMetrics();
        services.TryAddSingleton<GatewayMetrics>();
        services.AddOptions<GatewayIdentityOptions>().BindConfiguration(GatewayIdentityOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayIdentityOptions>, GatewayIdentityOptionsValidator>());
        services.TryAddSingleton<TokenEndpointClient>();
        services.TryAddSingleton<BackendTokens>();
        services.TryAddSingleton<GatewaySettingsMonitor>();
        services.TryAddSingleton<BackendRegistry>();
        services.TryAddSingleton<ResourceSubscriptions>();
        services.TryAddSingleton<SuspendedCalls>();
        services.TryAddSingleton<BackendForwarder>();
        services.TryAddSingleton<GatewayCalls>();
        services.TryAddSingleton<CallHandlers>();
        services.TryAddSingleton<IMcpToolDirectory, GatewayToolDirectory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMcpRequestShortcut, ToolCallShortcut>());
        services.AddHostedService<ClientAnnouncements>();
        services.AddHostedService<BackendMonitor>();
        services.AddHealthChecks().AddCheck<BackendsHealthCheck>("backends");
        return services;
    }
}
