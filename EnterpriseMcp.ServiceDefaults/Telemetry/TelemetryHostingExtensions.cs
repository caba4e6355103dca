using EnterpriseMcp.ServiceDefaults.Prometheus;
using EnterpriseMcp.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>OpenTelemetry traces, metrics and logs for an EnterpriseMcp service.</summary>
public static class TelemetryHostingExtensions
{
    /// <summary>
    /// Traces the <c>EnterpriseMcp.*</c>, ASP.NET Core and HttpClient sources; meters the same plus
    /// Kestrel and the runtime, served at <c>/metrics</c> by <c>MapDefaultEndpoints</c>. Traces, metrics and
    /// logs also go to OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured.
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
        services.AddSingleton(resource);
        services.TryAddSingleton<PrometheusScraper>();
        services.TryAddSingleton<TracerProvider>(TracerProviderFactory.Create);
        services.TryAddSingleton<MeterProvider>(MeterProviderFactory.Create);
        services.AddHostedService<TelemetryStartup>();

        // Without an exporter an OpenTelemetry logger would only add cost to every log call.
        if (TelemetryConfigKeys.IsOtlpConfigured(builder.Configuration))
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
                logging.SetResourceBuilder(resource.CreateBuilder());
                logging.AddOtlpExporter();
            });
        }

        return builder;
    }
}
