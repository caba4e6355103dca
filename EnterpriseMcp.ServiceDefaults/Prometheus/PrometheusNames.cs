using System.Text;
using OpenTelemetry.Metrics;

namespace EnterpriseMcp.ServiceDefaults.Prometheus;

/// <summary>
/// OpenTelemetry instrument and attribute names as Prometheus accepts them, following the
/// OpenTelemetry-to-Prometheus compatibility rules (<c>mcp.server.operation.duration</c> in seconds
/// becomes <c>mcp_server_operation_duration_seconds</c>).
/// </summary>
internal static class PrometheusNames
{
    private const string TotalSuffix = "_total";

    public static string MetricName(string instrumentName, string? unit, MetricType type)
    {
        var name = Sanitize(instrumentName);
        var isCounter = PrometheusMetricType.Of(type) == PrometheusMetricType.Counter;
        if (isCounter && name.EndsWith(TotalSuffix, StringComparison.Ordinal) && name.Length > TotalSuffix.Length)
        {
            // Removed and added back below so the unit lands before it: x_bytes_total, not x_total_bytes.
            name = name[..^TotalSuffix.Length];
        }

        var unitSuffix = PrometheusUnits.Suffix(unit, type);
        if (unitSuffix.Length > 0 && !name.EndsWith("_" + unitSuffix, StringComparison.Ordinal))
        {
            name = $"{name}_{unitSuffix}";
        }

        return isCounter ? name + TotalSuffix : name;
    }

    public static string LabelName(string attributeName) => Sanitize(attributeName);

    /// <summary>
    /// Anything outside <c>[a-zA-Z0-9_]</c> becomes <c>_</c>, runs of <c>_</c> collapse to one (so no
    /// label starts with the reserved <c>__</c>), and a leading digit gets a <c>_</c> prefix.
    /// Colons are legal in metric names but reserved for recording rules, so they go too.
    /// </summary>
    public static string Sanitize(string name)
    {
        var output = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            var next = char.IsAsciiLetterOrDigit(c) ? c : '_';
            if (next == '_' && output.Length > 0 && output[^1] == '_')
            {
                continue;
            }

            output.Append(next);
        }

        if (output.Length == 0 || char.IsAsciiDigit(output[0]))
        {
            output.Insert(0, '_');
        }

        return output.ToString();
    }
}
