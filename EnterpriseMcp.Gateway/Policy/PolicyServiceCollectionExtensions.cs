using EnterpriseMcp.Gateway.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Policy;

/// <summary>Registers the gateway's access policy.</summary>
public static class PolicyServiceCollectionExtensions
{
    /// <summary>
    /// The <see cref="AccessPolicy"/> from <c>Gateway:Policy</c>, validated at start-up (every problem at once) and
    /// recompiled when the configuration changes.
    /// </summary>
    public static IServiceCollection AddGatewayPolicy(this IServiceCollection services)
    {
        services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PolicyOptions>, PolicyOptionsValidator>());
        services.TryAddSingleton<GatewaySettingsMonitor>();
        services.TryAddSingleton(sp => new AccessPolicy(sp.GetRequiredService<IOptions<PolicyOptions>>(), sp.GetRequiredService<GatewaySettingsMonitor>()));
        services.AddHostedService<EmptyPolicyWarning>();
        return services;
    }
}
