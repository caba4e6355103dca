using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace EnterpriseMcp.ServiceDefaults.Tests.Telemetry;

public sealed class OtlpExportTests
{
    [Fact]
    public async Task Traces_metrics_and_logs_go_to_the_OTLP_endpoint_named_in_configuration()
    {
        await using var collector = await OtlpCollector.StartAsync();

        // In configuration only, not the environment: appsettings must work as well.
        var settings = collector.Settings;
        settings["OTEL_SERVICE_NAME"] = "otlp-test";
        var app = await TestApp.StartWithDefaultsAsync(settings: settings);
        using (var source = new ActivitySource("EnterpriseMcp.Test.Otlp"))
        using (var meter = new Meter("EnterpriseMcp.Test.Otlp"))
        {
            using (source.StartActivity("work"))
            {
                meter.CreateCounter<long>("otlp.marker").Add(1);
                app.Services.GetRequiredService<ILogger<OtlpExportTests>>().LogWarning("exported log");
            }

            // Shutting the host down disposes the providers, which flushes every exporter.
            await app.DisposeAsync();
        }

        Assert.Contains("traces application/x-protobuf", collector.Received);
        Assert.Contains("metrics application/x-protobuf", collector.Received);
        Assert.Contains("logs application/x-protobuf", collector.Received);
    }

    [Fact]
    public async Task Without_an_OTLP_endpoint_there_is_no_tracer_provider_to_record_spans()
    {
        await using var app = await TestApp.StartWithDefaultsAsync();

        Assert.Null(app.Services.GetService<TracerProvider>());
    }
}
