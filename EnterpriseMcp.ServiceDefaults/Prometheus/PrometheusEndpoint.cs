using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using OpenTelemetry.Metrics;

namespace EnterpriseMcp.ServiceDefaults.Prometheus;

/// <summary><c>GET /metrics</c>, served by OpenTelemetry's Prometheus exporter.</summary>
internal static class PrometheusEndpoint
{
    public const string Path = "/metrics";

    /// <summary>
    /// The classic text format whatever the scraper asks for. Offered OpenMetrics, Prometheus 2.x stores a
    /// <c>_created</c> series beside every counter and histogram series and <c>le="5.0"</c> for <c>le="5"</c>,
    /// which would double the series and break queries written against the text format (see bench/README).
    /// </summary>
    private const string TextFormat = "text/plain; version=0.0.4";

    /// <summary>Maps nothing when telemetry was not added: there would be no exporter to scrape.</summary>
    public static void MapPrometheusEndpoint(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<MeterProvider>() is null)
        {
            return;
        }

        endpoints.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: AskForText, optionsName: null);
    }

    private static void AskForText(IApplicationBuilder scrape) => scrape.Use((context, next) =>
    {
        context.Request.Headers[HeaderNames.Accept] = TextFormat;
        return next(context);
    });
}
