using EnterpriseMcp.ServiceDefaults.Health;
using EnterpriseMcp.ServiceDefaults.Prometheus;
using Microsoft.AspNetCore.Http;

namespace EnterpriseMcp.ServiceDefaults.Telemetry;

/// <summary>
/// Keeps probe and scrape requests out of traces: they arrive every few seconds and would drown real traffic.
/// The ASP.NET Core instrumentation asks before routing, so this goes by path; a request it turns down keeps its
/// trace id (logs still correlate) but is not recorded, and no exporter sends it.
/// </summary>
internal static class TraceExclusion
{
    private static readonly PathString[] UntracedPaths =
    [
        HealthEndpoints.ReadinessPath,
        HealthEndpoints.LivenessPath,
        PrometheusEndpoint.Path,
    ];

    public static bool IsTraced(HttpContext context)
    {
        foreach (var path in UntracedPaths)
        {
            if (context.Request.Path.StartsWithSegments(path))
            {
                return false;
            }
        }

        return true;
    }
}
