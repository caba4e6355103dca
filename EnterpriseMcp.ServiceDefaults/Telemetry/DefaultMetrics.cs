using EnterpriseMcp.ServiceDefaults.Prometheus;
using OpenTelemetry.Metrics;

namespace EnterpriseMcp.ServiceDefaults.Telemetry;

/// <summary>What every service meters, and where the measurements go.</summary>
internal static class DefaultMetrics
{
    public static void Configure(MeterProviderBuilder metrics, bool exportsOtlp)
    {
        metrics
            .AddMeter(TelemetrySources.Meters)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusScrapeExporter();

        if (exportsOtlp)
        {
            metrics.AddOtlpExporter();
        }
    }
}
