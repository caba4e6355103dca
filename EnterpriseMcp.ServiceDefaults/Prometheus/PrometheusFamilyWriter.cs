using OpenTelemetry.Metrics;

namespace EnterpriseMcp.ServiceDefaults.Prometheus;

/// <summary>
/// One metric family: its <c># HELP</c> and <c># TYPE</c> once, then the samples of every metric stream
/// that maps to the same Prometheus name (the format forbids a family appearing twice).
/// </summary>
internal static class PrometheusFamilyWriter
{
    public static void Write(PrometheusTextWriter writer, string name, string type, IReadOnlyList<Metric> metrics)
    {
        var first = metrics[0];
        var help = string.IsNullOrWhiteSpace(first.Description) ? first.Name : first.Description;
        writer.WriteHelp(name, help);
        writer.WriteType(name, type);

        foreach (var metric in metrics)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var labels = PrometheusLabels.Format(point.Tags);
                if (type == PrometheusMetricType.Histogram)
                {
                    WriteHistogram(writer, name, labels, point);
                }
                else
                {
                    writer.WriteSample(name, labels, Value(metric.MetricType, point));
                }
            }
        }
    }

    private static void WriteHistogram(PrometheusTextWriter writer, string name, string labels, in MetricPoint point)
    {
        // OpenTelemetry counts per bucket; Prometheus buckets are cumulative ("at most le").
        long cumulative = 0;
        foreach (var bucket in point.GetHistogramBuckets())
        {
            cumulative += bucket.BucketCount;
            var le = PrometheusTextWriter.FormatValue(bucket.ExplicitBound);
            writer.WriteSample(name + "_bucket", PrometheusLabels.With(labels, "le", le), PrometheusTextWriter.FormatValue(cumulative));
        }

        writer.WriteSample(name + "_sum", labels, PrometheusTextWriter.FormatValue(point.GetHistogramSum()));
        writer.WriteSample(name + "_count", labels, PrometheusTextWriter.FormatValue(point.GetHistogramCount()));
    }

    private static string Value(MetricType type, in MetricPoint point) => type switch
    {
        MetricType.LongSum or MetricType.LongSumNonMonotonic => PrometheusTextWriter.FormatValue(point.GetSumLong()),
        MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => PrometheusTextWriter.FormatValue(point.GetSumDouble()),
        MetricType.LongGauge => PrometheusTextWriter.FormatValue(point.GetGaugeLastValueLong()),
        _ => PrometheusTextWriter.FormatValue(point.GetGaugeLastValueDouble()),
    };
}
