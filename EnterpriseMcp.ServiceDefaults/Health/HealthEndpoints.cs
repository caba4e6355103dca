using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnterpriseMcp.ServiceDefaults.Health;

/// <summary>
/// <c>/health</c> answers "can this instance take traffic" (every check, dependencies included);
/// <c>/alive</c> answers "should it be restarted" (only checks tagged <see cref="LiveTag"/>), so a
/// database outage takes an instance out of rotation without a restart loop.
/// Both answer <c>Healthy</c>/<c>Degraded</c> with 200 and <c>Unhealthy</c> with 503.
/// </summary>
internal static class HealthEndpoints
{
    public const string ReadinessPath = "/health";
    public const string LivenessPath = "/alive";
    public const string LiveTag = "live";

    /// <summary>Maps nothing when no health checks were added.</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<HealthCheckService>() is null)
        {
            return;
        }

        endpoints.MapHealthChecks(ReadinessPath, new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        endpoints.MapHealthChecks(LivenessPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponse.WriteAsync,
        });
    }
}
