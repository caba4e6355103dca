using EnterpriseMcp.ServiceDefaults.Health;
using EnterpriseMcp.ServiceDefaults.Prometheus;
using Microsoft.AspNetCore.Builder;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every EnterpriseMcp service gets: <c>builder.AddServiceDefaults()</c> before <c>Build()</c>,
/// <c>app.MapDefaultEndpoints()</c> after it.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Adds telemetry (traces, metrics, logs), health checks and HttpClient resilience.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddDefaultTelemetry()
            .AddDefaultHealthChecks()
            .AddDefaultHttpClientResilience();
    }

    /// <summary>
    /// Maps <c>/health</c> (ready: every check passes), <c>/alive</c> (live: checks tagged <c>live</c>)
    /// and, when telemetry was added, the Prometheus <c>/metrics</c> endpoint.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthEndpoints();
        app.MapPrometheusEndpoint();
        return app;
    }
}
