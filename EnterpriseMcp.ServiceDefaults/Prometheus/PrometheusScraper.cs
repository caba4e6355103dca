using OpenTelemetry.Metrics;

namespace EnterpriseMcp.ServiceDefaults.Prometheus;

/// <summary>
/// The pull side of the metrics pipeline. The meter provider owns <see cref="Reader"/> and disposes it.
/// </summary>
internal sealed class PrometheusScraper
{
    private static readonly TimeSpan CollectTimeout = TimeSpan.FromSeconds(10);

    private readonly PrometheusExporter exporter = new();

    // One collection at a time: the exporter hands its text over through a single slot.
    private readonly SemaphoreSlim gate = new(1, 1);

    public PrometheusScraper()
    {
        Reader = new BaseExportingMetricReader(exporter)
        {
            // Prometheus expects totals since start, never deltas.
            TemporalityPreference = MetricReaderTemporalityPreference.Cumulative,
        };
    }

    public MetricReader Reader { get; }

    /// <summary>The exposition text, or <c>null</c> when collection failed (provider gone or timed out).</summary>
    public async Task<string?> ScrapeAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            exporter.TakeExposition();
            return Reader.Collect((int)CollectTimeout.TotalMilliseconds) ? exporter.TakeExposition() ?? string.Empty : null;
        }
        finally
        {
            gate.Release();
        }
    }
}
