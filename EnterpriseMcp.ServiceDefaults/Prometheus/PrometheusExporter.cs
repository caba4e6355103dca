using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace EnterpriseMcp.ServiceDefaults.Prometheus;

/// <summary>
/// Turns a collected batch into the text exposition. It is exported to only when a scrape calls
/// <see cref="MetricReader.Collect"/>, on the scraping thread, so the text is ready when that returns.
/// </summary>
/// <remarks>
/// Not marked <c>[ExportModes(ExportModes.Pull)]</c>: the SDK lets a pull-only reader collect inside a
/// scope only its own Prometheus package can open. A plain reader (no timer) collects on demand just the same.
/// </remarks>
internal sealed class PrometheusExporter : BaseExporter<Metric>
{
    private string? lastExposition;

    /// <summary>The text of the last export, handed out once.</summary>
    public string? TakeExposition() => Interlocked.Exchange(ref lastExposition, null);

    public override ExportResult Export(in Batch<Metric> batch)
    {
        // Two instruments can map to one Prometheus name (e.g. same name in two meters): group them.
        Dictionary<string, (string Type, List<Metric> Metrics)> families = new(StringComparer.Ordinal);
        foreach (var metric in batch)
        {
            if (PrometheusMetricType.Of(metric.MetricType) is not { } type)
            {
                continue;
            }

            var name = PrometheusNames.MetricName(metric.Name, metric.Unit, metric.MetricType);
            if (!families.TryGetValue(name, out var family))
            {
                families[name] = (type, [metric]);
            }
            else if (family.Type == type)
            {
                family.Metrics.Add(metric);
            }
        }

        var output = new StringBuilder();
        var writer = new PrometheusTextWriter(output);
        foreach (var (name, family) in families)
        {
            PrometheusFamilyWriter.Write(writer, name, family.Type, family.Metrics);
        }

        WriteTargetInfo(writer, ParentProvider?.GetResource());
        lastExposition = output.ToString();
        return ExportResult.Success;
    }

    /// <summary>The resource (service name, instance, SDK) as labels of a constant gauge, as the compatibility spec suggests.</summary>
    private static void WriteTargetInfo(PrometheusTextWriter writer, Resource? resource)
    {
        if (resource is null || !resource.Attributes.Any())
        {
            return;
        }

        writer.WriteHelp("target_info", "Target metadata");
        writer.WriteType("target_info", PrometheusMetricType.Gauge);
        writer.WriteSample("target_info", PrometheusLabels.Format(resource.Attributes), "1");
    }
}
