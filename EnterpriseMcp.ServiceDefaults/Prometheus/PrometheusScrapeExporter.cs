using OpenTelemetry.Metrics;

namespace EnterpriseMcp.ServiceDefaults.Prometheus;

/// <summary>The reader behind <c>/metrics</c>.</summary>
internal static class PrometheusScrapeExporter
{
    public static MeterProviderBuilder AddPrometheusScrapeExporter(this MeterProviderBuilder metrics) => metrics
        // A scrape right after a call must see it; the exporter's default would answer from a 300 ms old copy.
        .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0)
        .RenameCountGauges();
}
