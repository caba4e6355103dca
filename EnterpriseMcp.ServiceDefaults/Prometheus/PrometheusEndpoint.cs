using EnterpriseMcp.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace EnterpriseMcp.ServiceDefaults.Prometheus;

/// <summary><c>GET /metrics</c> in the Prometheus text format.</summary>
internal static class PrometheusEndpoint
{
    public const string Path = "/metrics";

    /// <summary>Maps nothing when telemetry was not added: there would be no pipeline to scrape.</summary>
    public static void MapPrometheusEndpoint(this IEndpointRouteBuilder endpoints)
    {
        var scraper = endpoints.ServiceProvider.GetService<PrometheusScraper>();
        if (scraper is null)
        {
            return;
        }

        // The reader only sees measurements once the provider it belongs to exists.
        endpoints.ServiceProvider.GetRequiredService<MeterProvider>();
        endpoints.MapGet(Path, context => WriteAsync(context, scraper)).ExcludeFromTraces();
    }

    private static async Task WriteAsync(HttpContext context, PrometheusScraper scraper)
    {
        var exposition = await scraper.ScrapeAsync(context.RequestAborted);
        if (exposition is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        context.Response.ContentType = PrometheusTextWriter.ContentType;
        await context.Response.WriteAsync(exposition, context.RequestAborted);
    }
}
