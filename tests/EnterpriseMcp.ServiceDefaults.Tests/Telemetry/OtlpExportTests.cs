using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnterpriseMcp.ServiceDefaults.Tests.Telemetry;

public sealed class OtlpExportTests
{
    [Fact]
    public async Task Traces_metrics_and_logs_go_to_the_OTLP_endpoint_named_in_configuration()
    {
        var received = new ConcurrentBag<string>();
        await using var collector = await TestApp.StartAsync(configureApp: web =>
            web.MapPost("/v1/{signal}", (string signal, HttpRequest request) =>
            {
                received.Add($"{signal} {request.ContentType}");
                return Results.Bytes([], "application/x-protobuf");
            }));

        // In configuration only, not the environment: appsettings must work as well.
        var app = await TestApp.StartWithDefaultsAsync(settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseAddress.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "otlp-test",
        });
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

        Assert.Contains("traces application/x-protobuf", received);
        Assert.Contains("metrics application/x-protobuf", received);
        Assert.Contains("logs application/x-protobuf", received);
    }
}
