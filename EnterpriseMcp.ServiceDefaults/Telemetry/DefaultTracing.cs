using OpenTelemetry.Trace;

namespace EnterpriseMcp.ServiceDefaults.Telemetry;

/// <summary>What every service traces, when traces have somewhere to go (OTLP).</summary>
internal static class DefaultTracing
{
    public static void Configure(TracerProviderBuilder tracing) => tracing
        .AddSource(TelemetrySources.ActivitySources)
        .AddAspNetCoreInstrumentation(options => options.Filter = TraceExclusion.IsTraced)
        .AddHttpClientInstrumentation()
        .AddOtlpExporter();
}
