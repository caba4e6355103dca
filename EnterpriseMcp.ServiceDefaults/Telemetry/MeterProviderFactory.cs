using EnterpriseMcp.ServiceDefaults.Prometheus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace EnterpriseMcp.ServiceDefaults.Telemetry;

/// <summary>
/// Builds the one meter provider of the process. It feeds the Prometheus scrape endpoint always,
/// and OTLP when an endpoint is configured; the container disposes it on shutdown.
/// </summary>
internal static class MeterProviderFactory
{
    public static MeterProvider Create(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var builder = Sdk.CreateMeterProviderBuilder()
            // The SDK's own container would otherwise see environment variables only, not appsettings.
            .ConfigureServices(sdkServices => sdkServices.AddSingleton(configuration))
            .SetResourceBuilder(services.GetRequiredService<ServiceResource>().CreateBuilder())
            .AddMeter(TelemetrySources.Meters)
            .AddReader(services.GetRequiredService<PrometheusScraper>().Reader);

        if (TelemetryConfigKeys.IsOtlpConfigured(configuration))
        {
            builder.AddOtlpExporter();
        }

        return builder.Build();
    }
}
