using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnterpriseMcp.ServiceDefaults.Health;

/// <summary>Healthy whenever it runs: answering at all is what liveness means.</summary>
internal sealed class SelfHealthCheck : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy());
}
