using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Gateway.RateLimiting;

namespace EnterpriseMcp.Gateway.Configuration;

/// <summary>
/// One view of what the <c>Gateway</c> section configures and a reload may change: the backends (with the paging, refresh
/// and start-up settings around them), the policy and the rate limits, each part as last accepted. Never changed: a
/// reload makes a new one (<see cref="GatewaySettingsMonitor"/>), in which a part that did not change is the same object.
/// </summary>
public sealed record GatewaySettings(GatewayOptions Backends, PolicyOptions Policy, RateLimitOptions RateLimits)
{
    /// <summary>The section as <paramref name="configuration"/> holds it now, bound and not yet validated.</summary>
    public static GatewaySettings Bind(IConfiguration configuration)
    {
        var backends = new GatewayOptions();
        configuration.GetSection(GatewayOptions.SectionName).Bind(backends);
        // A backend's URL may come from service discovery (an Aspire reference) rather than the section itself.
        ServiceEndpoints.FillMissingUrls(backends, configuration);
        var policy = new PolicyOptions();
        configuration.GetSection(PolicyOptions.SectionName).Bind(policy);
        var limits = new RateLimitOptions();
        configuration.GetSection(RateLimitOptions.SectionName).Bind(limits);
        return new GatewaySettings(backends, policy, limits);
    }
}
