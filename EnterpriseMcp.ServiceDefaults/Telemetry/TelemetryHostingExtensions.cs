using EnterpriseMcp.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;

namespace Microsoft.Extensions.Hosting;

/// <summary>OpenTelemetry traces, metrics and logs for an EnterpriseMcp service.</summary>
public static class TelemetryHostingExtensions
{
    /// <summary>
    /// Meters the <c>EnterpriseMcp.*</c> meters, ASP.NET Core, Kestrel, HttpClient and the runtime, served at
    /// <c>/metrics</c> by <c>MapDefaultEndpoints</c>. When <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured, metrics
    /// also go to OTLP, and so do traces (<c>EnterpriseMcp.*</c>, ASP.NET Core and HttpClient) and logs.
    /// </summary>
    public static TBuilder AddDefaultTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(descriptor => descriptor.ServiceType == typeof(ServiceResource)))
        {
            return builder;
        }

        var resource = ServiceResource.From(builder.Configuration, builder.Environment);
        var exportsOtlp = TelemetryConfigKeys.IsOtlpConfigured(builder.Configuration);
        services.AddSingleton(resource);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource.Describe)
            .WithMetrics(metrics => DefaultMetrics.Configure(metrics, exportsOtlp));

        // With nowhere to send them, spans would only be recorded for nothing on every request, and an
        // OpenTelemetry logger would only add cost to every log call.
        if (exportsOtlp)
        {
            telemetry
                .WithTracing(DefaultTracing.Configure)
                .WithLogging(logging => logging.AddOtlpExporter(), options =>
                {
                    options.IncludeFormattedMessage = true;
                    options.IncludeScopes = true;
                });
        }

        return builder;
    }
}
