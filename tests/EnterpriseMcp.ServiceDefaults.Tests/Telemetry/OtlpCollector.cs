using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EnterpriseMcp.ServiceDefaults.Tests.Telemetry;

/// <summary>An OTLP/HTTP receiver that accepts every export and notes its signal and content type.</summary>
internal sealed class OtlpCollector : IAsyncDisposable
{
    private readonly ConcurrentBag<string> received = [];
    private TestApp? app;

    /// <summary>"traces application/x-protobuf", "metrics ...", "logs ...", one per export.</summary>
    public IReadOnlyCollection<string> Received => received;

    /// <summary>The settings that point a service at this collector.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = app!.BaseAddress.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
    };

    public static async Task<OtlpCollector> StartAsync()
    {
        var collector = new OtlpCollector();
        collector.app = await TestApp.StartAsync(configureApp: web =>
            web.MapPost("/v1/{signal}", (string signal, HttpRequest request) =>
            {
                collector.received.Add($"{signal} {request.ContentType}");
                return Results.Bytes([], "application/x-protobuf");
            }));
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
