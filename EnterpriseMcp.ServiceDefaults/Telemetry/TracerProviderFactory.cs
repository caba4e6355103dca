using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace EnterpriseMcp.ServiceDefaults.Telemetry;

/// <summary>Builds the one tracer provider of the process; the container disposes it on shutdown.</summary>
internal static class TracerProviderFactory
{
    public static TracerProvider Create(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var builder = Sdk.CreateTracerProviderBuilder()
            // The SDK's own container would otherwise see environment variables only, not appsettings.
            .ConfigureServices(sdkServices => sdkServices.AddSingleton(configuration))
            .SetResourceBuilder(services.GetRequiredService<ServiceResource>().CreateBuilder());

        // With nowhere to send spans, listening would only make every request record activities for nothing.
        if (TelemetryConfigKeys.IsOtlpConfigured(configuration))
        {
            builder.AddSource(TelemetrySources.ActivitySources).AddOtlpExporter();
        }

        return builder.Build();
    }
}
