using EnterpriseMcp.Hosting.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// The gateway's own metrics and span attributes: calls by target, decision and outcome, per caller (bounded by
    /// <c>Gateway:Telemetry</c>), rate-limit refusals, and audit writes.
    /// </summary>
    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddOptions<CallTelemetryOptions>().BindConfiguration(CallTelemetryOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CallTelemetryOptions>, CallTelemetryOptionsValidator>());
        services.TryAddSingleton<CallMetrics>();
        services.TryAddSingleton<AuditMetrics>();
        services.TryAddSingleton<CallTelemetry>();
        // Before the audit's observer, which may answer 503 instead: the metrics count what the policy or limit decided.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMcpRefusalObserver, CallTelemetry>(provider => provider.GetRequiredService<CallTelemetry>()));
        return services;
    }
}
