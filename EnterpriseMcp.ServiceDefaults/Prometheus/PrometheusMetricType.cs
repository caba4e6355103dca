using OpenTelemetry.Metrics;

namespace EnterpriseMcp.ServiceDefaults.Prometheus;

/// <summary>The <c># TYPE</c> a metric is exposed as; <c>null</c> for kinds the exposition leaves out.</summary>
internal static class PrometheusMetricType
{
    public const string Counter = "counter";
    public const string Gauge = "gauge";
    public const string Histogram = "histogram";

    public static string? Of(MetricType type) => type switch
    {
        MetricType.LongSum or MetricType.DoubleSum => Counter,

        // An up-down counter can fall, which a Prometheus counter must never do.
        MetricType.LongSumNonMonotonic or MetricType.DoubleSumNonMonotonic => Gauge,
        MetricType.LongGauge or MetricType.DoubleGauge => Gauge,
        MetricType.Histogram => Histogram,

        // Exponential histograms have no text-format equivalent; the default views never make them.
        _ => null,
    };
}
