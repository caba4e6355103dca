using EnterpriseMcp.Gateway.Configuration;
using EnterpriseMcp.Hosting.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.RateLimiting;

public static class RateLimitingServiceCollectionExtensions
{
    /// <summary>
    /// The rate limits from <c>Gateway:RateLimits</c>, checked at start (every problem named), in memory unless another
    /// limiter is registered, applied to every call as an admission step.
    /// </summary>
    public static IServiceCollection AddCallLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>());
        services.TryAddSingleton<GatewaySettingsMonitor>();
        services.TryAddSingleton<InMemoryCallLimiter>();
        // One instance either way: the Redis limiter falls back on this one's buckets and takes its concurrency slots.
        services.TryAddSingleton<ICallLimiter>(provider => provider.GetRequiredService<InMemoryCallLimiter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMcpRequestAdmission, CallLimitAdmission>());
        return services;
    }
}
